// The "Print or save as PDF" control of reports and statements: shown only where it can work.
(() => {
  for (const button of document.querySelectorAll('[data-print]')) {
    button.closest('.print-control').hidden = false;
    button.addEventListener('click', () => window.print());
  }
})();
