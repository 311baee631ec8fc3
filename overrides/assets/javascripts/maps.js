/*
 * The brief map sits in a fold above the article, closed in the page as written, so that on a
 * phone the article starts in the first screen. On a wide screen there is room for both: open
 * it. Without this script the fold opens with a click, as every <details> does.
 */
(function () {
  "use strict";
  if (typeof document === "undefined" || !window.matchMedia) return;
  function start() {
    if (!window.matchMedia("(min-width: 76.25em)").matches) return; // Material's desktop layout
    Array.prototype.forEach.call(document.querySelectorAll("details.brief-fold--map"), function (fold) {
      fold.open = true;
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
