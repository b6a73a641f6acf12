/* infoview: an upload larger than the app can take is refused on the page, before the
   browser reads it.

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

  function sizeWords(size) { // as infoview.widgets.imports._size_words writes a size
    if (size >= 1000000) {
      return (size / 1000000).toFixed(1).replace(/\.0$/, "") + " MB";
    }
    if (size < 1000) {
      return size + (size === 1 ? " byte" : " bytes");
    }
    return Math.round(size / 1000) + " KB";
  }

  function check(event, input, button) {
    var box = refusalBox(button);
    if (!box) {
      return;
    }
    var files = Array.prototype.slice.call(input.files || []);
    var total = files.reduce(function (sum, file) { return sum + file.size; }, 0);
    if (total <= Number(box.getAttribute("data-limit"))) {
      box.textContent = "";
      return;
    }
    event.stopImmediatePropagation(); // the button never reads the file
    var name = files.length === 1 ? files[0].name : files.length + " files";
    box.textContent = box.getAttribute("data-refusal")
      .replace("{name}", name).replace("{size}", sizeWords(total));
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
