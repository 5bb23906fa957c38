package server

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// ServeHTTP answers GET and HEAD from the current build, the live-reload
// endpoints, and refuses everything else.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if s.opts.LocalOnly && !localHost(r.Host) && !s.allowedHost(r.Host) {
		s.misdirected(w, r.Host)
		return
	}
	p, ok := requestPath(r)
	if !ok {
		http.Error(w, "bad request path", http.StatusBadRequest)
		return
	}
	// The live-reload endpoints answer at any depth: a page's relative
	// script link stays right under a sub-path and on a 404 page.
	switch {
	case strings.HasSuffix(p, EventsPath):
		s.serveEvents(w, r)
		return
	case strings.HasSuffix(p, ScriptPath):
		serveFile(w, r, s.js, http.StatusOK)
		return
	}
	t := s.cur.Load()
	f, redirect := t.lookup(p)
	switch {
	case f != nil:
		serveFile(w, r, f, http.StatusOK)
	case redirect != "":
		if q := r.URL.RawQuery; q != "" {
			redirect += "?" + q
		}
		http.Redirect(w, r, redirect, http.StatusMovedPermanently)
	case t.files["404.html"] != nil:
		serveFile(w, r, t.files["404.html"], http.StatusNotFound)
	default:
		http.Error(w, "404 page not found", http.StatusNotFound)
	}
}

// serveFile writes f with its type, ETag and, when the client takes it, its
// gzip copy. A 200 goes through http.ServeContent (conditional requests,
// ranges, HEAD); another status is written as is.
func serveFile(w http.ResponseWriter, r *http.Request, f *file, status int) {
	f.prepare()
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-cache") // revalidate with the ETag: a reload must see the new page
	data, etag := f.data, f.etag
	if f.gz != nil {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			data, etag = f.gz, f.gzEtag
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("Etag", etag)
	if status == http.StatusOK {
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// acceptsGzip reads Accept-Encoding, honouring "gzip;q=0".
func acceptsGzip(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept-Encoding") {
		for _, part := range strings.Split(v, ",") {
			name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			name = strings.TrimSpace(name)
			if !strings.EqualFold(name, "gzip") && name != "*" {
				continue
			}
			q := strings.ReplaceAll(params, " ", "")
			return !(q == "q=0" || q == "q=0.0" || q == "q=0.00" || q == "q=0.000")
		}
	}
	return false
}

// serveEvents streams Server-Sent Events to one page until it goes away or
// the server stops.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	c, current, ok := s.hub.subscribe()
	if !ok {
		http.Error(w, "server stopping", http.StatusServiceUnavailable)
		return
	}
	defer s.hub.unsubscribe(c)
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	// retry: how soon a page reconnects after the server restarts.
	w.Write([]byte("retry: 500\n: seqdoc live reload\n\n"))
	if current != nil {
		w.Write(current)
	}
	if rc.Flush() != nil {
		return
	}
	keepalive := time.NewTicker(30 * time.Second)
	defer keepalive.Stop()
	for {
		select {
		case ev, ok := <-c.ch:
			if !ok {
				return
			}
			if _, err := w.Write(ev); err != nil {
				return
			}
		case <-keepalive.C:
			if _, err := w.Write([]byte(": ping\n\n")); err != nil {
				return
			}
		case <-r.Context().Done():
			return
		}
		if rc.Flush() != nil {
			return
		}
	}
}

// Close disconnects the live-reload clients; Run does it on shutdown.
func (s *Server) Close() { s.hub.close() }

// Clients is the number of connected live-reload pages.
func (s *Server) Clients() int { return s.hub.count() }

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

// localHost reports whether a Host header names this machine.
// allowedHost reports whether host (with or without port) is one of
// Options.AllowHosts.
func (s *Server) allowedHost(host string) bool {
	name := hostName(host)
	for _, a := range s.opts.AllowHosts {
		if strings.EqualFold(hostName(a), name) {
			return true
		}
	}
	return false
}

// hostName is host without its port and IPv6 brackets.
func hostName(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
}

// maxRefusedLogged bounds the host names whose refusal is logged: a client
// sending a new Host on every request must not flood the log.
const maxRefusedLogged = 16

// misdirected answers 421 to a request addressed to another host name than
// loopback's, saying how to allow it; the server log says it once per host.
func (s *Server) misdirected(w http.ResponseWriter, host string) {
	if len(host) > 100 {
		host = host[:100] + "…"
	}
	name := hostName(host)
	allow := "seqdoc serve --allow-host NAME"
	if plainHostName(name) {
		allow = "seqdoc serve --allow-host " + name
	}
	msg := fmt.Sprintf("seqdoc serve answers only to requests addressed to localhost, 127.0.0.1 or [::1] "+
		"(a guard against DNS rebinding), and this one was addressed to %q.\n\n"+
		"If this host name forwards to the preview (an SSH tunnel, a dev container's forwarded port, a proxy), "+
		"start it with:\n    %s\n"+
		"To serve other machines directly instead (reachable from the network, no access control):\n"+
		"    seqdoc serve --bind 0.0.0.0\n", host, allow)
	http.Error(w, msg, http.StatusMisdirectedRequest)

	s.refusedMu.Lock()
	first := !s.refused[name] && len(s.refused) < maxRefusedLogged
	if first {
		if s.refused == nil {
			s.refused = map[string]bool{}
		}
		s.refused[name] = true
	}
	s.refusedMu.Unlock()
	if first {
		s.logf("refused requests for host %q (421: only localhost, 127.0.0.1 and [::1] are served): if it forwards here, restart with %s; --bind 0.0.0.0 serves the network", host, allow)
	}
}

// plainHostName reports whether name may be suggested as --allow-host: a
// DNS name or an IP address, nothing a terminal or shell reads otherwise.
func plainHostName(name string) bool {
	if name == "" || len(name) > 253 || name[0] == '-' || name[0] == '.' {
		return false
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == ':') {
			return false
		}
	}
	return true
}

func localHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	return strings.EqualFold(host, "localhost") || IsLoopback(host)
}
