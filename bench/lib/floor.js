'use strict';
/**
 * The floor: the least an Express middleware does to meet geonotice's contract, written by hand,
 * and what every throughput figure of geonotice is a ratio to. Per request it reads `req.ip`
 * (Express's `trust proxy` decides it), looks the address up in geoip-lite once, splits
 * Accept-Language, puts the decision in `res.locals`, merges Cache-Control and Vary when the
 * headers go out (on-headers), and, when a notice applies, splices it after the first `<body` tag
 * of a string body given to `res.send`. Nothing else: no tokenizer (on a page with `<body>` in a
 * script it splices there), no charsets or content codings, no ETags, no rule files.
 */
const geoip = require('geoip-lite');
const onHeaders = require('on-headers');

/** `notices` maps an ISO 3166-2 region code to the markup of the notice shown there. */
function floorMiddleware(notices) {
  const byRegion = new Map(Object.entries(notices));

  function mergeCachingHeaders() {
    const cacheControl = this.getHeader('Cache-Control');
    this.setHeader('Cache-Control', cacheControl === undefined ? 'private' : `private, ${cacheControl}`);
    const vary = this.getHeader('Vary');
    this.setHeader('Vary', vary === undefined ? 'Accept-Language' : `${vary}, Accept-Language`);
  }

  return function floor(req, res, next) {
    const found = geoip.lookup(req.ip);
    const header = req.headers['accept-language'];
    const languages = header === undefined ? [] : header.split(',').map((entry) => entry.split(';', 1)[0].trim());
    const notice = found === null ? undefined : byRegion.get(`${found.country}-${found.region}`);
    res.locals.geonotice = { notices: notice === undefined ? [] : [notice], languages };
    onHeaders(res, mergeCachingHeaders);
    if (notice !== undefined) {
      const send = res.send;
      res.send = function sendWithNotice(body) {
        if (typeof body === 'string') {
          const tag = body.indexOf('<body');
          const end = tag === -1 ? -1 : body.indexOf('>', tag) + 1;
          if (end > 0) body = body.slice(0, end) + notice + body.slice(end);
        }
        return send.call(this, body);
      };
    }
    next();
  };
}

module.exports = { floorMiddleware };
