"""Research a company or a person from their public web pages."""
