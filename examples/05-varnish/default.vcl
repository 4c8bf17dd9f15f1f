vcl 4.1;

# Varnish in front of a site that mounts geonotice with delivery: 'esi'. Each page is cached once
# for everyone; at delivery Varnish fetches, per visitor, the small fragments the page includes
# for its notices (<esi:include src="/_geonotice/esi?…"/>), which are never cached.

backend site {
  .host = "127.0.0.1";
  .port = "3005";
}

sub vcl_recv {
  # Tell the site this cache assembles ESI, so it sends pages with includes rather than with
  # notices already in them. Set on every request, so a client cannot claim it for itself.
  set req.http.Surrogate-Capability = {"varnish="ESI/1.0""};

  # Varnish appends the client's address to X-Forwarded-For before this runs, so the site (which
  # trusts this proxy) locates the visitor, not Varnish. Fragments are per visitor: never cached.
  if (req.url ~ "^/_geonotice/esi") {
    return (pass);
  }
}

sub vcl_backend_response {
  # ESI only for responses that ask for it: a page without the header is delivered as it came.
  if (beresp.http.Surrogate-Control ~ "ESI/1\.0") {
    set beresp.do_esi = true;
  }
}

sub vcl_deliver {
  # An assembled page carries one visitor's notices: browsers may keep it, shared caches
  # downstream may not, and its validators describe the shared page, not what this visitor got.
  if (obj.can_esi) {
    set resp.http.Cache-Control = "private, no-cache";
    unset resp.http.ETag;
    unset resp.http.Last-Modified;
  }
  unset resp.http.Surrogate-Control;
}
