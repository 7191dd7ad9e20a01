// Follows a running push campaign without reloading: polls its JSON progress and reloads once
// it has finished (to show the people left without a job). Without JavaScript, a meta refresh does it.
(function () {
  var card = document.getElementById('campaign');
  if (!card) return;
  var status = card.getAttribute('data-status');
  if (status !== 'pending' && status !== 'running') return;
  var id = card.getAttribute('data-campaign-id');
  var lang = document.documentElement.lang || 'zh-CN';
  var format = new Intl.NumberFormat(lang);
  function set(field, value) {
    var el = document.querySelector('[data-field="' + field + '"]');
    if (el) el.textContent = format.format(value);
  }
  function poll() {
    fetch('/api/v1/pushes/campaigns/' + id, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (campaign) {
        if (!campaign) return setTimeout(poll, 5000);
        set('considered', campaign.considered);
        set('pushed', campaign.pushed);
        set('withoutMatch', campaign.withoutMatch);
        set('progress', campaign.progress);
        var bar = document.getElementById('progress');
        if (bar) bar.value = campaign.progress;
        if (campaign.status === 'pending' || campaign.status === 'running') setTimeout(poll, 2000);
        else window.location.reload();
      })
      .catch(function () {
        setTimeout(poll, 5000);
      });
  }
  setTimeout(poll, 2000);
})();
