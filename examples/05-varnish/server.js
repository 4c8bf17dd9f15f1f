// The example news site with delivery: 'esi', for Varnish (default.vcl beside this file) to cache.
//
//   npm run build                              # once, from the project root
//   node examples/05-varnish/server.js         # the site on PORT, default 3005
//   varnishd -F -a 127.0.0.1:6081 -f "$PWD/examples/05-varnish/default.vcl" -n /tmp/geonotice-varnish
'use strict';

const { createApp } = require('../news-site/server.js');

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3005);
  createApp({ delivery: 'esi' }).listen(port, '127.0.0.1', () => {
    console.log(`news site (ESI delivery) on http://127.0.0.1:${port}/; put Varnish in front with default.vcl`);
  });
}
