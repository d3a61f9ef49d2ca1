// Added to the demo page before its own scripts (bench/page.py): when the click lands and when
// the first prediction (or an error) shows, in ms since the navigation started (performance.now()).
// With window.__benchClickAtLoad set, it clicks Predict itself when the load event fires.
(() => {
  const marks = (window.__benchMarks = {});
  addEventListener('click', () => { marks.click ??= performance.now(); }, true);
  addEventListener('load', () => {
    if (window.__benchClickAtLoad) document.getElementById('predict').click();
  });
  new MutationObserver(() => {
    const status = document.getElementById('status');
    if (!status || marks.done) return;
    if (status.textContent.startsWith('Predicted:')) {
      marks.predicted = performance.now();
    } else if (status.className === 'error') {
      marks.error = status.textContent;
    }
    marks.done = 'predicted' in marks || 'error' in marks;
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
})();
