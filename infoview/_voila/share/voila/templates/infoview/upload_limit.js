/* infoview: an upload larger than the app can take is refused on the page, before the
   browser reads it; and the upload button is named without ipywidgets' count of files.

   ipywidgets' upload button reads the chosen file whole and sends it to the kernel in one
   message; a file larger than the connection takes cut the connection, with no word on the
   page. The button's file input is never part of the page (the button creates it and calls
   its click()), so its "change" cannot be caught from the document: the check is attached to
   that input as the button opens it. A listener in the capturing phase runs before the
   button's own at the input itself, and a file too large stops there: the button never
   reads it, and the box beside the button (.infoview-upload-refusal, whose data-limit and
   data-refusal the Python side writes) says why and what to do instead. */
(function () {
  "use strict";
  var clicked = null; // the upload button clicked last, until it opens its file input

  function refusalBox(button) {
    var panel = button.closest(".infoview-import-panel");
    return panel ? panel.querySelector(".infoview-upload-refusal[data-limit]") : null;
  }

  var UNITS = ["KB", "MB", "GB", "TB"];

  function sizeWords(size) { // infoview.userfiles.size_words, the kit's one rule for sizes
    if (size < 1000) {
      return size + (size === 1 ? " byte" : " bytes");
    }
    for (var power = 1; power <= UNITS.length; power++) {
      var scale = Math.pow(1000, power);
      var tenths = Math.floor((size * 10 + scale / 2) / scale); // halves round up
      if (tenths < 100) {
        return Math.floor(tenths / 10) + (tenths % 10 ? "." + (tenths % 10) : "") + " " +
          UNITS[power - 1];
      }
      var whole = Math.floor((size + scale / 2) / scale);
      if (whole < 1000 || power === UNITS.length) {
        return whole + " " + UNITS[power - 1];
      }
    }
  }

  function uploadSizeWords(size, limit) { // infoview.widgets.imports.upload_size_words
    var words = sizeWords(size);
    var limitWords = sizeWords(limit);
    return words === limitWords && size > limit ? "just over " + limitWords : words;
  }

  function check(event, input, button) {
    var box = refusalBox(button);
    if (!box) {
      return;
    }
    var files = Array.prototype.slice.call(input.files || []);
    var total = files.reduce(function (sum, file) { return sum + file.size; }, 0);
    var limit = Number(box.getAttribute("data-limit"));
    if (total <= limit) {
      box.textContent = "";
      return;
    }
    event.stopImmediatePropagation(); // the button never reads the file
    var name = files.length === 1 ? files[0].name : files.length + " files";
    box.textContent = box.getAttribute("data-refusal")
      .replace("{name}", name).replace("{size}", uploadSizeWords(total, limit));
    input.value = "";
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    clicked = target && target.closest ? target.closest(".infoview-upload") : null;
  }, true);

  document.addEventListener("input", function (event) { // a path typed: the refusal is old
    var target = event.target;
    var panel = target && target.closest ? target.closest(".infoview-import-panel") : null;
    var box = panel ? panel.querySelector(".infoview-upload-refusal[data-limit]") : null;
    if (box && target.type !== "file") {
      box.textContent = "";
    }
  }, true);

  /* The button's name, as a screen reader says it. ipywidgets writes "Upload a file (1)"
     into the button (the count cannot be turned off); the style of the Python side hides
     those words from the eye and draws the button's own, but a screen reader read the
     hidden ones, count and all. The button is named here with the words the refusal box
     beside it carries (data-button), whenever a button is drawn or drawn again. */
  function nameButtons() {
    var buttons = document.querySelectorAll(".infoview-upload");
    for (var i = 0; i < buttons.length; i++) {
      var box = refusalBox(buttons[i]);
      var words = box ? box.getAttribute("data-button") : null;
      if (words && buttons[i].getAttribute("aria-label") !== words) {
        buttons[i].setAttribute("aria-label", words);
      }
    }
  }

  // Drawn, or given its classes (a widget's classes come after it is in the page).
  new MutationObserver(nameButtons).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["class"] });
  nameButtons();

  var click = HTMLInputElement.prototype.click;
  HTMLInputElement.prototype.click = function () {
    if (clicked && this.type === "file" && !this.infoviewUploadLimit) {
      var button = clicked;
      var input = this;
      input.infoviewUploadLimit = true;
      input.addEventListener("change", function (event) { check(event, input, button); }, true);
    }
    clicked = null;
    return click.apply(this, arguments);
  };
})();
