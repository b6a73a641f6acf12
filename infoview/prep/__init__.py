"""The prep brief, its exports, outreach drafts and follow-up rules."""
