package server

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// memSite serves fixed files; Rebuild is never called in these tests.
type memSite map[string][]byte

func (m memSite) Build(context.Context) (Snapshot, error) { return Snapshot{Files: m}, nil }
func (m memSite) Rebuild(context.Context, []string) (Snapshot, []string, error) {
	return Snapshot{Files: m}, nil, nil
}

var bigPage = "<!doctype html><title>t</title>" + strings.Repeat("<p>The ALB answers with a redirect to Cognito.</p>\n", 100)

func newMemServer(t *testing.T) (*Server, *httptest.Server) {
	t.Helper()
	s, err := New(context.Background(), Options{Site: memSite{
		"index.html":                       []byte(bigPage),
		"cookbook/index.html":              []byte("<p>cookbook</p>"),
		"cookbook/app/auth/index.html":     []byte(bigPage + "auth"),
		"cookbook/app/auth/flow.svg":       []byte("<svg xmlns='http://www.w3.org/2000/svg'/>"),
		"cookbook/app/auth/capture.har.gz": {0x1f, 0x8b, 8, 0},
		"assets/style.css":                 []byte("body{color:#111}"),
		"assets/logo.png":                  {0x89, 'P', 'N', 'G'},
		"404.html":                         []byte("<h1>seqdoc: page not found</h1>"),
	}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(func() { s.Close(); ts.Close() })
	return s, ts
}

func do(t *testing.T, method, url string, hdr map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	// A transport that does not add or undo gzip by itself.
	tr := &http.Transport{DisableCompression: true}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func TestContentTypes(t *testing.T) {
	_, ts := newMemServer(t)
	for path, want := range map[string]string{
		"/":                                 "text/html; charset=utf-8",
		"/cookbook/":                        "text/html; charset=utf-8",
		"/cookbook/app/auth/flow.svg":       "image/svg+xml",
		"/cookbook/app/auth/capture.har.gz": "application/gzip",
		"/assets/style.css":                 "text/css; charset=utf-8",
		"/assets/logo.png":                  "image/png",
		ScriptPath:                          "text/javascript; charset=utf-8",
	} {
		resp, _ := do(t, "GET", ts.URL+path, nil)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != want {
			t.Errorf("GET %s: %d %q, want 200 %q", path, resp.StatusCode, resp.Header.Get("Content-Type"), want)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff", path)
		}
	}
}

func TestETagAnd304(t *testing.T) {
	_, ts := newMemServer(t)
	resp, body := do(t, "GET", ts.URL+"/cookbook/", nil)
	etag := resp.Header.Get("Etag")
	if resp.StatusCode != 200 || !strings.HasPrefix(etag, `"`) || string(body) != "<p>cookbook</p>" {
		t.Fatalf("GET: %d etag %q body %q", resp.StatusCode, etag, body)
	}
	resp, body = do(t, "GET", ts.URL+"/cookbook/", map[string]string{"If-None-Match": etag})
	if resp.StatusCode != 304 || len(body) != 0 {
		t.Errorf("If-None-Match %s: %d with %d bytes, want 304 and no body", etag, resp.StatusCode, len(body))
	}
	resp, _ = do(t, "GET", ts.URL+"/cookbook/", map[string]string{"If-None-Match": `"other"`})
	if resp.StatusCode != 200 {
		t.Errorf("stale ETag: %d, want 200", resp.StatusCode)
	}
	other, _ := do(t, "GET", ts.URL+"/", nil)
	if other.Header.Get("Etag") == etag {
		t.Error("two different pages share an ETag")
	}
}

func TestGzipForText(t *testing.T) {
	_, ts := newMemServer(t)
	resp, body := do(t, "GET", ts.URL+"/", map[string]string{"Accept-Encoding": "br, gzip"})
	if resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("text page: Content-Encoding %q Vary %q", resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if string(plain) != bigPage || len(body) >= len(bigPage) {
		t.Errorf("gzip body: %d bytes decoding to %d, want smaller and equal to the page", len(body), len(plain))
	}
	gzTag := resp.Header.Get("Etag")
	resp, _ = do(t, "GET", ts.URL+"/", nil)
	if resp.Header.Get("Content-Encoding") != "" || resp.Header.Get("Etag") == gzTag {
		t.Errorf("no Accept-Encoding: Content-Encoding %q, ETag %q (gzip copy's %q)", resp.Header.Get("Content-Encoding"), resp.Header.Get("Etag"), gzTag)
	}
	resp, _ = do(t, "GET", ts.URL+"/", map[string]string{"Accept-Encoding": "gzip;q=0"})
	if resp.Header.Get("Content-Encoding") != "" {
		t.Error("gzip;q=0 still got gzip")
	}
	resp, _ = do(t, "GET", ts.URL+"/assets/logo.png", map[string]string{"Accept-Encoding": "gzip"})
	if resp.Header.Get("Content-Encoding") != "" {
		t.Error("a PNG was gzipped")
	}
}

func TestHeadNotFoundAndNoListings(t *testing.T) {
	_, ts := newMemServer(t)
	resp, body := do(t, "HEAD", ts.URL+"/cookbook/app/auth/", nil)
	if resp.StatusCode != 200 || len(body) != 0 || resp.ContentLength != int64(len(bigPage)+len("auth")) {
		t.Errorf("HEAD: %d, %d body bytes, Content-Length %d", resp.StatusCode, len(body), resp.ContentLength)
	}
	for _, path := range []string{"/nope/", "/cookbook/app/", "/assets/", "/cookbook/app/auth/index.htm"} {
		resp, body := do(t, "GET", ts.URL+path, nil)
		if resp.StatusCode != 404 || string(body) != "<h1>seqdoc: page not found</h1>" {
			t.Errorf("GET %s: %d %q, want 404 with the site's page (and no listing)", path, resp.StatusCode, body)
		}
	}
	resp, _ = do(t, "GET", ts.URL+"/cookbook/app/auth?x=1", nil)
	if resp.StatusCode != 301 || resp.Header.Get("Location") != "/cookbook/app/auth/?x=1" {
		t.Errorf("folder without slash: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, _ = do(t, "POST", ts.URL+"/", nil)
	if resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

// rawGet sends a request line as written, bypassing every client-side
// cleaning, and returns the status code.
func rawGet(t *testing.T, addr, target string) int {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestTraversalRefused(t *testing.T) {
	_, ts := newMemServer(t)
	addr := strings.TrimPrefix(ts.URL, "http://")
	for _, target := range []string{
		"/../../etc/passwd",
		"/cookbook/../../etc/passwd",
		"/cookbook/./index.html",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/..%2f..%2fetc%2fpasswd",
		"/%252e%252e/%252e%252e/etc/passwd",
		"/%25252e%25252e/etc/passwd",
		"/..%252f..%252fetc/passwd",
		"/..\\..\\windows\\win.ini",
		"/%5c..%5c..%5cwindows%5cwin.ini",
		"/%255c..%255cwindows",
		"//etc/passwd",
		"/%2fetc/passwd",
		"/cookbook//index.html",
		"/C:/Windows/win.ini",
		"/c:%5cwindows",
		"/cookbook/%00.html",
		"http://127.0.0.1/../etc/passwd",
	} {
		if code := rawGet(t, addr, target); code != 400 {
			t.Errorf("GET %s: %d, want 400", target, code)
		}
	}
	for target, want := range map[string]int{
		"/":                     200,
		"/cookbook/":            200,
		"/cookbook/index.html":  200,
		"/assets/style.css?v=2": 200,
		"/caf%C3%A9/":           404,
		"/a..b/":                404,
		"/100%25/":              404,
	} {
		if code := rawGet(t, addr, target); code != want {
			t.Errorf("GET %s: %d, want %d", target, code, want)
		}
	}
}

func TestGracefulShutdownClosesEventStreams(t *testing.T) {
	s, err := New(context.Background(), Options{Site: memSite{"index.html": []byte("home")}})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := Listen("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln) }()
	url := URL("127.0.0.1", ln)
	resp, err := http.Get(url + strings.TrimPrefix(EventsPath, "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if got := resp.Header.Get("Content-Type"); got != "text/event-stream; charset=utf-8" {
		t.Errorf("events Content-Type %q", got)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(4 * time.Second):
		t.Fatal("Run did not return within 4 s of the stop with an event stream open")
	}
	if _, err := io.ReadAll(resp.Body); err != nil {
		t.Logf("event stream ended with %v", err)
	}
	if _, err := http.Get(url); err == nil {
		t.Error("server still answers after shutdown")
	}
}

func TestLocalOnlyRefusesOtherHosts(t *testing.T) {
	s, err := New(context.Background(), Options{Site: memSite{"index.html": []byte("home")}, LocalOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	for host, want := range map[string]int{
		"127.0.0.1:1313": 200, "localhost:1313": 200, "LOCALHOST": 200, "[::1]:1313": 200, "127.0.0.2": 200,
		"evil.example:1313": 421, "192.168.1.10:1313": 421, "": 421, "localhost.evil.example": 421,
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = host
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("Host %q: %d, want %d", host, w.Code, want)
		}
	}
}

// TestMisdirectedSaysHowToAllow: the 421 for another host name (a
// forwarded dev host) used to say only "answers only to localhost"; it now
// names the host and says to restart with --allow-host NAME (which then
// serves it) or --bind, and the server log says so once per host name.
func TestMisdirectedSaysHowToAllow(t *testing.T) {
	var log syncLog
	s, err := New(context.Background(), Options{Site: memSite{"index.html": []byte("home")}, LocalOnly: true, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	get := func(s *Server, host string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = host
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		return w
	}
	for i := 0; i < 3; i++ {
		w := get(s, "dev.example.com:8080")
		body := w.Body.String()
		if w.Code != http.StatusMisdirectedRequest {
			t.Fatalf("code %d", w.Code)
		}
		for _, want := range []string{`addressed to "dev.example.com:8080"`, "seqdoc serve --allow-host dev.example.com\n", "seqdoc serve --bind 0.0.0.0"} {
			if !strings.Contains(body, want) {
				t.Errorf("421 body lacks %q:\n%s", want, body)
			}
		}
	}
	if n := strings.Count(log.String(), "\n"); n != 1 || !strings.Contains(log.String(), `refused requests for host "dev.example.com:8080"`) || !strings.Contains(log.String(), "restart with seqdoc serve --allow-host dev.example.com;") {
		t.Errorf("server log, want one line naming the host and --allow-host:\n%s", log.String())
	}

	// A host name that is not plain is quoted and never suggested as is.
	w := get(s, "evil\x1b[31m.example")
	if b := w.Body.String(); !strings.Contains(b, `"evil\x1b[31m.example"`) || !strings.Contains(b, "--allow-host NAME") || strings.Contains(b, "\x1b") {
		t.Errorf("hostile host in the body: %q", b)
	}
	if strings.Contains(log.String(), "\x1b") {
		t.Errorf("an escape sequence reached the log: %q", log.String())
	}
	// A client inventing host names cannot flood the log.
	for i := 0; i < 100; i++ {
		get(s, fmt.Sprintf("h%d.example", i))
	}
	if n := strings.Count(log.String(), "\n"); n > maxRefusedLogged {
		t.Errorf("%d log lines for 100 host names, want at most %d", n, maxRefusedLogged)
	}

	allowed, err := New(context.Background(), Options{Site: memSite{"index.html": []byte("home")}, LocalOnly: true, AllowHosts: []string{"dev.example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	for host, want := range map[string]int{"dev.example.com:8080": 200, "DEV.example.com": 200, "localhost": 200, "other.example.com": 421} {
		if w := get(allowed, host); w.Code != want {
			t.Errorf("with --allow-host dev.example.com, Host %q: %d, want %d", host, w.Code, want)
		}
	}
}

// syncLog is a log safe for concurrent writes.
type syncLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestListenPortTakenAndFreePort(t *testing.T) {
	ln, err := Listen("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	if port == 0 {
		t.Fatal("--port 0 did not pick a port")
	}
	_, err = Listen("127.0.0.1", port)
	if err == nil || !strings.Contains(err.Error(), "already in use") || !strings.Contains(err.Error(), "--port") {
		t.Errorf("port taken: %v", err)
	}
	for bind, want := range map[string]bool{"127.0.0.1": true, "::1": true, "localhost": true, "0.0.0.0": false, "192.168.1.5": false, "": false} {
		if IsLoopback(bind) != want {
			t.Errorf("IsLoopback(%q) = %v", bind, !want)
		}
	}
}
