// Publishing form: a file over the node's limit is refused here, before anything is sent, so the
// text typed stays in the page (a body over the server's limit cannot come back with it).
document.querySelectorAll('input[type=file][data-max-bytes]').forEach(function (input) {
  var form = input.form;
  var max = Number(input.getAttribute('data-max-bytes'));
  var field = input.closest('.field');
  form.addEventListener('submit', function (event) {
    var old = document.getElementById(input.id + '-toolarge');
    if (old) { old.remove(); }
    var file = input.files && input.files[0];
    if (!file || file.size <= max) { return; }
    event.preventDefault();
    var p = document.createElement('p');
    p.className = 'error';
    p.id = input.id + '-toolarge';
    p.setAttribute('role', 'alert');
    p.textContent = input.getAttribute('data-too-large');
    input.insertAdjacentElement('afterend', p);
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', input.id + '-help ' + p.id);
    if (field) { field.classList.add('invalid'); }
    input.focus();
  });
});
