// Renders the visitor's notices in a single-page app. It asks geonotice's `endpoint` for the
// decision (the same object templates get as res.locals.geonotice) and adds each notice to
// #geonotice, built with DOM calls so nothing in it can run as script.
/* global document */ // a browser script
(function () {
  'use strict';

  var script = document.currentScript;
  var endpoint = (script && script.getAttribute('data-endpoint')) || '/geonotice.json';

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderNotice(notice) {
    var aside = element('aside', 'geonotice geonotice-' + notice.style);
    aside.setAttribute('role', 'note');
    aside.setAttribute('lang', notice.language);
    aside.setAttribute('data-geonotice', notice.id);
    if (notice.title) aside.appendChild(element('strong', 'geonotice-title', notice.title));
    if (notice.text !== undefined) {
      aside.appendChild(element('p', 'geonotice-text', notice.text));
    } else if (notice.html !== undefined) {
      // `html:` messages are markup the rule authors wrote and reviewed, trusted like the server's.
      var body = element('div', 'geonotice-text');
      body.innerHTML = notice.html;
      aside.appendChild(body);
    }
    if (notice.link) {
      var link = element('a', 'geonotice-link', notice.link.label);
      link.setAttribute('href', notice.link.href);
      aside.appendChild(link);
    }
    return aside;
  }

  function show(decision) {
    var container = document.getElementById('geonotice') || document.body;
    decision.notices.forEach(function (notice) {
      // geonotice injects notices with a placement other than `none` into the HTML shell itself:
      // do not show those twice.
      if (document.querySelector('[data-geonotice="' + notice.id + '"]')) return;
      container.appendChild(renderNotice(notice));
    });
  }

  fetch(endpoint, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (response) {
      return response.ok ? response.json() : { notices: [] };
    })
    .then(show)
    .catch(function (error) {
      // A notice that cannot be fetched must not break the app; say so for whoever debugs it.
      console.warn('geonotice: could not load notices', error);
    });
})();
