// Package cdphar builds a HAR 1.2 capture from the Chrome DevTools
// Protocol events of a page: a pure function over a recorded event stream,
// so that it can be tested with recorded event logs and fuzzed.
//
//	log, entries := cdphar.Build(events, cdphar.Options{})
//
// The events are the cdproto values that chromedp delivers (pointers to
// network.EventRequestWillBeSent, page.EventFrameNavigated …; Wanted says
// which), in the order the browser sent them. ReadEvents and WriteEvents
// read and write them as JSON lines ({"method": …, "params": …}), the
// shape of the protocol's own messages.
//
// What it writes, and what it gets right:
//
//   - Every hop of a redirect chain is an entry of its own, with its own
//     request and response headers. The raw headers (with Cookie and
//     Set-Cookie, and HTTP/2 pseudo-headers) come from
//     requestWillBeSentExtraInfo and responseReceivedExtraInfo, matched to
//     a hop by requestId and by the hop's place in the chain: the k-th
//     ExtraInfo of a request belongs to its k-th hop that went to the
//     network (a memory-cache hit has none). Exporters that match by
//     requestId alone put a later hop's headers on an earlier one.
//   - redirectURL (the Location, made absolute), timings from the CDP
//     timing object as DevTools computes them, _resourceType, _initiator
//     (its type), _priority, _transferSize, _fromCache ("memory" or
//     "disk"), serverIPAddress and connection.
//   - Failed requests: status 0 with response._error and _failureText
//     (net::ERR_…); a request the browser blocked for CORS also gets
//     response._corsError (MissingAllowOriginHeader …), as DevTools shows
//     "CORS error".
//   - pages: one per navigation of the main frame (its redirects and the
//     requests that follow belong to it), with onContentLoad and onLoad.
//
// Bodies: no response body is read. Of a request body only the field names
// of a form (application/x-www-form-urlencoded) are kept, and the values of
// the fields that Options.KeepFormValue names: what redaction keeps.
//
// Entries come in the order their requests started; the output is the same
// for the same events.
package cdphar
