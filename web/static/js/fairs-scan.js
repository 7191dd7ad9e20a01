// Check-in page: where the browser can read QR codes from the camera (BarcodeDetector), offer a
// scan button; a read code is put in the typed-code form and submitted. Without it the form works as is.
(function () {
  'use strict';
  var box = document.getElementById('fair-scan');
  var form = document.getElementById('fair-checkin-form');
  var input = document.getElementById('fair-code');
  if (!box || !form || !input) return;
  if (!('BarcodeDetector' in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  var start = document.getElementById('fair-scan-start');
  var video = document.getElementById('fair-scan-video');
  var status = document.getElementById('fair-scan-status');
  var lang = document.documentElement.lang === 'en';
  box.hidden = false;

  start.addEventListener('click', function () {
    var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        start.hidden = true;
        status.textContent = lang ? 'Point the camera at the ticket' : '请把入场码对准摄像头';
        return video.play().then(function () {
          var timer = setInterval(function () {
            detector
              .detect(video)
              .then(function (codes) {
                if (!codes.length) return;
                clearInterval(timer);
                stream.getTracks().forEach(function (track) {
                  track.stop();
                });
                input.value = codes[0].rawValue;
                form.submit();
              })
              .catch(function () {});
          }, 300);
        });
      })
      .catch(function () {
        status.textContent = lang
          ? 'The camera cannot be used; type the code instead.'
          : '无法打开摄像头，请手动输入入场码。';
      });
  });
})();
