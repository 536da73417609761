// Autosave of the round page's scorecard draft. A few seconds after the last change (the form's
// data-autosave-delay-ms), htmx posts the changed fields with the draft's version to the form's own route; the
// role="status" region says Saving… / Saved / Not saved — retrying. The server answers a header saying what happened
// (x-autosave-result: saved, with x-scorecard-version; conflict; refused) and, for a conflict or a refusal, the page
// whose #scorecard-alerts htmx swaps in. On a conflict autosave stops, so neither version is lost. Network errors and
// 5xx answers are retried with backoff. No inline script and no eval (CSP script-src 'self', htmx allowEval false).
(function () {
  'use strict';
  var form = document.getElementById('scorecard');
  var status = document.getElementById('autosave-status');
  if (!form || !status || !form.hasAttribute('hx-post') || !window.htmx) return;
  var version = form.elements.namedItem('version');
  var MAX_BACKOFF_MS = 60000;
  var dirty = new Set();
  var sending = null;
  var timer = null;
  var failures = 0;
  var stopped = false;
  var leaving = false;
  var resubmit = null;

  function delay() {
    var value = Number(form.dataset.autosaveDelayMs);
    return value > 0 ? value : 2000;
  }

  function say(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(save, ms);
  }

  function save() {
    timer = null;
    if (stopped || sending || dirty.size === 0) return;
    sending = new Set(dirty);
    dirty.clear();
    say('Saving…');
    window.htmx.trigger(form, 'autosave');
  }

  function unsent() {
    if (sending)
      sending.forEach(function (name) {
        dirty.add(name);
      });
    sending = null;
  }

  function changed(event) {
    var field = event.target;
    if (stopped || !field || field.form !== form || !field.name || field.name === 'version') return;
    dirty.add(field.name);
    // A question's notes and rating go together: with neither, the question is taken off the asked list.
    var question = /^question(?:-rating)?:(.+)$/.exec(field.name);
    if (question) {
      dirty.add('question:' + question[1]);
      dirty.add('question-rating:' + question[1]);
    }
    // "Saved" is no longer true; saying nothing until the save starts keeps the region quiet while typing.
    if (status.textContent === 'Saved') say('');
    if (!sending) schedule(delay());
  }

  // Fields outside the form element (the notes on each question, next to it) belong to it through form="scorecard".
  document.addEventListener('input', changed);
  document.addEventListener('change', changed);

  form.addEventListener('htmx:configRequest', function (event) {
    var data = event.detail.formData;
    var names = Array.from(new Set(data.keys()));
    names.forEach(function (name) {
      if (name !== 'version' && !sending.has(name)) data.delete(name);
    });
  });

  form.addEventListener('htmx:beforeSwap', function (event) {
    var result = event.detail.xhr.getResponseHeader('x-autosave-result');
    var alerts = result === 'conflict' || result === 'refused';
    event.detail.shouldSwap = alerts;
    if (alerts) event.detail.isError = false;
  });

  form.addEventListener('htmx:afterRequest', function (event) {
    var xhr = event.detail.xhr;
    var result = xhr.getResponseHeader('x-autosave-result');
    if (result === 'saved') {
      sending = null;
      failures = 0;
      version.value = xhr.getResponseHeader('x-scorecard-version');
      var alerts = document.getElementById('scorecard-alerts');
      if (alerts) alerts.replaceChildren();
      if (dirty.size > 0) schedule(delay());
      else say('Saved');
    } else if (result === 'conflict') {
      unsent();
      stopped = true;
      clearTimeout(timer);
      say('Not saved');
    } else if (result === 'refused') {
      unsent();
      say('Not saved');
    } else if (xhr.status === 0 || xhr.status === 429 || xhr.status >= 500) {
      unsent();
      failures += 1;
      say('Not saved — retrying');
      schedule(Math.min(MAX_BACKOFF_MS, delay() * Math.pow(2, failures)));
    } else {
      // Anything else (the sign-in page after the session ended): keep what was typed, retry on the next change.
      unsent();
      say('Not saved: sign in again in another tab, then keep typing here');
    }
    if (resubmit) {
      var button = resubmit;
      resubmit = null;
      form.requestSubmit(button);
    }
  });

  // Save draft, Submit scorecard, Load the other version: the whole form goes with them, so no autosave is needed
  // any more; one still on its way first gets its new version back.
  form.addEventListener('submit', function (event) {
    clearTimeout(timer);
    if (sending) {
      event.preventDefault();
      resubmit = event.submitter || null;
      return;
    }
    leaving = true;
  });

  window.addEventListener('beforeunload', function (event) {
    if (leaving || (dirty.size === 0 && !sending)) return;
    event.preventDefault();
    event.returnValue = '';
  });
})();
