// <coordo-agenda src="https://node/collectives/NAME/embed.json">: a Coordo agenda on any site.
// Reads the node's JSON (no cookie sent, none set) and draws it in a shadow root with text only
// (never innerHTML): every title, place and city comes from collectives and is untrusted.
(function () {
  'use strict';
  if (!window.customElements || window.customElements.get('coordo-agenda')) { return; }
  var CSS = ':host{display:block;font:inherit;color:inherit;max-width:100%}' +
    'h2{font-size:1.15em;margin:0 0 .5em}ul{list-style:none;margin:0;padding:0}' +
    'li{padding:.5em 0;border-bottom:1px solid rgba(128,128,128,.35);overflow-wrap:anywhere}' +
    'li>a,.title{font-weight:600}.cancelled>a,.cancelled>.title{text-decoration:line-through}' +
    '.badge{display:inline-block;background:#b00020;color:#fff;border-radius:.25em;padding:0 .4em;font-size:.85em;margin-left:.3em}' +
    '.meta{display:block;opacity:.8;font-size:.92em}.more{margin:.75em 0 0}';
  var FAILED = { fr: 'L’agenda n’a pas pu être chargé.', en: 'The agenda could not be loaded.' };
  var safe = function (url) { return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null; };
  var el = function (name, cls, text) {
    var e = document.createElement(name);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  };
  var link = function (url, text) {
    var a = el('a', null, text);
    a.href = url; a.target = '_blank'; a.rel = 'noopener';
    return a;
  };

  class CoordoAgenda extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) { return; }
      var root = this.attachShadow({ mode: 'open' });
      var style = el('style', null, CSS);
      root.appendChild(style);
      var box = el('div');
      box.setAttribute('aria-busy', 'true');
      box.appendChild(el('slot')); // the fallback link inside the element, until the agenda is here
      root.appendChild(box);
      var src = safe(this.getAttribute('src'));
      var host = this.closest('[lang]');
      var lang = (this.getAttribute('lang') || (host && host.getAttribute('lang')) || 'fr').slice(0, 2).toLowerCase();
      var fail = function () {
        box.removeAttribute('aria-busy');
        box.insertBefore(el('p', null, FAILED[lang] || FAILED.fr), box.firstChild);
      };
      if (!src) { fail(); return; }
      var url = new URL(src);
      if (!url.searchParams.has('lang')) { url.searchParams.set('lang', lang); }
      fetch(url.toString(), { credentials: 'omit', mode: 'cors', referrerPolicy: 'no-referrer' })
        .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
        .then(function (data) {
          box.textContent = '';
          box.removeAttribute('aria-busy');
          box.lang = String(data.lang || lang);
          box.appendChild(el('h2', null, String(data.title || '')));
          var items = Array.isArray(data.items) ? data.items : [];
          var texts = data.texts || {};
          if (items.length === 0) { box.appendChild(el('p', null, String(texts.none || ''))); }
          var list = el('ul');
          items.forEach(function (i) {
            var li = el('li', i.cancelled ? 'cancelled' : null);
            var href = safe(i.url);
            li.appendChild(href ? link(href, String(i.title || '')) : el('span', 'title', String(i.title || '')));
            if (i.cancelled) { li.appendChild(el('strong', 'badge', String(texts.cancelled || ''))); }
            var meta = [i.when, i.city, i.place].filter(function (x) { return typeof x === 'string' && x; }).join(' · ');
            li.appendChild(el('span', 'meta', meta));
            list.appendChild(li);
          });
          if (items.length) { box.appendChild(list); }
          var more = safe(data.more);
          if (more) {
            var p = el('p', 'more');
            p.appendChild(link(more, String(texts.more || '')));
            box.appendChild(p);
          }
        })
        .catch(fail);
    }
  }
  window.customElements.define('coordo-agenda', CoordoAgenda);
}());
