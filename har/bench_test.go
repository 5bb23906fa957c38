package har

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// benchCapture is a generated capture of about 200 MB (ALB session cookie
// headers of 4 KB, 60 % of the responses with base64 bodies, some with
// escaped JSON text), written once per test binary into a temporary folder
// that TestMain removes.
var (
	benchOnce sync.Once
	benchPath string
	benchSize int64
	benchErr  error
	benchDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

func benchFile(b *testing.B) (string, int64) {
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "seqdoc-bench-")
		if benchErr != nil {
			return
		}
		benchPath = filepath.Join(benchDir, "big.har")
		benchSize, benchErr = generateCapture(benchPath, 200<<20)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath, benchSize
}

// generateCapture writes a synthetic capture of at least size bytes.
func generateCapture(path string, size int64) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	cw := &countWriter{w: f}
	w := bufio.NewWriterSize(cw, 1<<20)
	rng := rand.New(rand.NewPCG(7, 7))
	pool := make([]byte, 1<<20)
	for i := range pool {
		pool[i] = byte(rng.Uint32())
	}
	token := func(n int) string {
		const al = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
		b := make([]byte, n)
		for i := range b {
			b[i] = al[rng.IntN(len(al))]
		}
		return string(b)
	}
	session := token(4000)
	fmt.Fprint(w, `{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[{"startedDateTime":"2025-11-20T09:00:00.000Z","id":"page_1","title":"https://app.example.com/","pageTimings":{"onContentLoad":812.4,"onLoad":1534.9}}],"entries":[`)
	for i := 0; cw.n+int64(w.Buffered()) < size; i++ {
		if i > 0 {
			w.WriteString(",\n")
		}
		e := &Entry{
			StartedDateTime: fmt.Sprintf("2025-11-20T09:%02d:%02d.%03dZ", i/60000%60, i/1000%60, i%1000),
			Time:            12.5 + float64(i%100),
			Request: Request{Method: "GET", URL: fmt.Sprintf("https://app.example.com/api/items/%d?state=%s", i, token(24)), HTTPVersion: "h2",
				Headers: []NameValue{{Name: ":authority", Value: "app.example.com"}, {Name: ":method", Value: "GET"},
					{Name: "user-agent", Value: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"},
					{Name: "cookie", Value: "AWSELBAuthSessionCookie-0=" + session + "; AWSALB=" + token(128)}},
				HeadersSize: -1, BodySize: 0},
			Response: Response{Status: 200, StatusText: "OK", HTTPVersion: "h2",
				Headers:     []NameValue{{Name: "content-type", Value: "application/octet-stream"}, {Name: "server", Value: "awselb/2.0"}},
				HeadersSize: -1, BodySize: 1000},
			Timings: Timings{Blocked: 1, DNS: -1, Connect: -1, Send: 0.1, Wait: 10, Receive: 2, SSL: -1},
			Extra:   Extensions{{Name: "_resourceType", Value: RawJSON(`"fetch"`)}},
		}
		switch r := rng.IntN(10); {
		case r < 6:
			n := 20000 + rng.IntN(120000)
			off := rng.IntN(len(pool) - n)
			e.Response.Content = Content{Size: int64(n), MimeType: "image/png", Encoding: "base64", Text: base64.StdEncoding.EncodeToString(pool[off : off+n])}
		case r < 8:
			var sb strings.Builder
			for sb.Len() < 4000+rng.IntN(8000) {
				fmt.Fprintf(&sb, `{"id": %d, "name": "item \"%s\"", "path": "/a/b\\c"}`+"\n", rng.IntN(1e6), token(12))
			}
			e.Response.Content = Content{Size: int64(sb.Len()), MimeType: "application/json", Text: sb.String()}
		default:
			e.Response.Content = Content{Size: 0, MimeType: "text/html"}
		}
		w.Write(AppendEntry(nil, e))
	}
	w.WriteString("]}}\n")
	if err := w.Flush(); err != nil {
		return 0, err
	}
	return cw.n, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// BenchmarkRead reads the generated capture with the streaming reader
// (bodies skipped) and, as the baseline, with encoding/json's Decoder entry
// by entry. Compare their MB/s.
func BenchmarkRead(b *testing.B) {
	path, size := benchFile(b)
	for _, keep := range []bool{false, true} {
		name := "seqdoc"
		if keep {
			name = "seqdoc-keep-bodies"
		}
		b.Run(name, func(b *testing.B) { benchReader(b, path, size, keep) })
	}
	b.Run("encoding-json-baseline", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			if n := decodeBaseline(b, path); n == 0 {
				b.Fatal("no entries")
			}
		}
	})
}

func benchReader(b *testing.B, path string, size int64, keep bool) {
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		r, err := Open(path, ReadOptions{KeepBodies: keep})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		r.Close()
		if n == 0 {
			b.Fatal("no entries")
		}
	}
}

// decodeBaseline is the streaming encoding/json way: Token() down to
// log.entries, then Decode each entry.
func decodeBaseline(b *testing.B, path string) int {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	tok := func() json.Token { t, err := dec.Token(); must(err); return t }
	tok() // {
	n := 0
	for dec.More() {
		if tok() != "log" {
			var skip json.RawMessage
			must(dec.Decode(&skip))
			continue
		}
		tok() // {
		for dec.More() {
			if tok() != "entries" {
				var skip json.RawMessage
				must(dec.Decode(&skip))
				continue
			}
			tok() // [
			for dec.More() {
				var e Entry
				must(dec.Decode(&e))
				n++
			}
			tok() // ]
		}
		tok() // }
	}
	return n
}

// TestReadBigFile reads the capture named by $SEQDOC_BIG_HAR (skipped when
// unset): run it under /usr/bin/time -v to see the reader's peak memory on
// a capture of any size, e.g.
//
//	go test -c -o /tmp/har.test ./har
//	SEQDOC_BIG_HAR=big.har /usr/bin/time -v /tmp/har.test -test.run TestReadBigFile
func TestReadBigFile(t *testing.T) {
	path := os.Getenv("SEQDOC_BIG_HAR")
	if path == "" {
		t.Skip("set SEQDOC_BIG_HAR to a capture to read it")
	}
	r, err := Open(path, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n, redirects := 0, 0
	for {
		e, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
		if e.Response.Status == 302 {
			redirects++
		}
	}
	t.Logf("%d entries (%d redirects), %d bytes", n, redirects, r.BytesRead())
}
