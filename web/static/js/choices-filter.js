// A search box over long groups of check boxes (kinds of work, skills): typing narrows the list to
// the matching choices and opens their groups; clearing it restores the groups as they were.
// Without JavaScript the box stays hidden and every group opens on a tap.
(function () {
  'use strict';
  function normalise(text) {
    return (text || '').toLowerCase().replace(/\s+/g, '');
  }
  document.querySelectorAll('fieldset[data-choices]').forEach(function (fieldset) {
    var box = fieldset.querySelector('.choices-filter');
    var input = box && box.querySelector('input[type="search"]');
    if (!input) return;
    var empty = box.querySelector('[data-choices-empty]');
    var groups = Array.prototype.slice.call(fieldset.querySelectorAll('details'));
    var wasOpen = groups.map(function (details) {
      return details.open;
    });
    box.hidden = false;
    input.addEventListener('input', function () {
      var query = normalise(input.value);
      var shown = 0;
      groups.forEach(function (details, i) {
        var groupLabel = normalise(details.querySelector('summary').textContent);
        var groupMatches = query !== '' && groupLabel.indexOf(query) !== -1;
        var inGroup = 0;
        details.querySelectorAll('label.check').forEach(function (label) {
          var match = query === '' || groupMatches || normalise(label.textContent).indexOf(query) !== -1;
          label.hidden = !match;
          if (match) inGroup += 1;
        });
        details.hidden = query !== '' && inGroup === 0;
        details.open = query === '' ? wasOpen[i] : inGroup > 0;
        shown += inGroup;
      });
      if (empty) empty.hidden = query === '' || shown > 0;
    });
    // A group the person opens or closes by hand stays so once the search is cleared.
    groups.forEach(function (details, i) {
      details.addEventListener('toggle', function () {
        if (normalise(input.value) === '') wasOpen[i] = details.open;
      });
    });
  });
})();
