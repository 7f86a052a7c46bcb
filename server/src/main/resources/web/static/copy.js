// Shows the "copy" buttons (hidden without JavaScript) and copies the handle to the clipboard.
// A page may load it twice (the embed snippet block loads it too): each button is set up once.
document.querySelectorAll('button.copy[data-copy]').forEach(function (b) {
  if (b.dataset.ready) { return; }
  b.dataset.ready = '1';
  b.hidden = false;
  b.addEventListener('click', function () {
    var text = b.getAttribute('data-copy');
    var done = function () { var old = b.textContent; b.textContent = b.getAttribute('data-done'); setTimeout(function () { b.textContent = old; }, 2000); };
    if (navigator.clipboard) { navigator.clipboard.writeText(text).then(done); }
  });
});
