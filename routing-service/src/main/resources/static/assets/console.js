// The console's only script of its own. The Content-Security-Policy allows no inline script, so a form asks its
// data-confirm question here rather than in an onsubmit attribute.
document.addEventListener('submit', (event) => {
  const question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
