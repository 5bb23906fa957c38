package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"mime"
	"path"
	"sort"
	"strings"
	"sync"
)

// file is one output file with what serving it needs. The ETag and the gzip
// copy are computed on first request and carried over to the next snapshot
// when the bytes did not change, so a rebuild costs nothing for the pages it
// did not touch.
type file struct {
	data  []byte
	ctype string

	once   sync.Once
	etag   string
	gz     []byte // nil when not worth compressing
	gzEtag string
}

// prepare computes the ETags and the gzip copy, once.
func (f *file) prepare() {
	f.once.Do(func() {
		sum := sha256.Sum256(f.data)
		h := hex.EncodeToString(sum[:12])
		f.etag = `"` + h + `"`
		if len(f.data) < minGzipSize || !compressible(f.ctype) {
			return
		}
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		zw.Write(f.data)
		zw.Close()
		if b.Len() < len(f.data) {
			f.gz = b.Bytes()
			f.gzEtag = `"` + h + `-gz"`
		}
	})
}

// minGzipSize is the size below which gzip does not pay for its header.
const minGzipSize = 512

// fileTable is the served form of a snapshot.
type fileTable struct {
	files map[string]*file // by output path
}

// newTable indexes files, reusing the entries of prev whose bytes are
// unchanged (same backing array, or equal bytes).
func newTable(files map[string][]byte, prev *fileTable) *fileTable {
	t := &fileTable{files: make(map[string]*file, len(files))}
	for name, data := range files {
		if prev != nil {
			if old, ok := prev.files[name]; ok && sameBytes(old.data, data) {
				t.files[name] = old
				continue
			}
		}
		t.files[name] = &file{data: data, ctype: contentType(name)}
	}
	return t
}

// changedURLs lists, sorted, the URL paths whose bytes differ between prev
// and next, including files that appeared or disappeared.
func changedURLs(prev, next *fileTable) []string {
	var out []string
	for name, f := range next.files {
		if old, ok := prev.files[name]; !ok || (old != f && !sameBytes(old.data, f.data)) {
			out = append(out, urlPath(name))
		}
	}
	for name := range prev.files {
		if _, ok := next.files[name]; !ok {
			out = append(out, urlPath(name))
		}
	}
	sort.Strings(out)
	return out
}

func sameBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	return bytes.Equal(a, b)
}

// lookup finds the file for a clean URL path. A folder is served by its
// index.html only (no listings); a path naming a folder without the trailing
// slash gets redirect set to the slashed form, so that the page's relative
// links resolve.
func (t *fileTable) lookup(p string) (f *file, redirect string) {
	name := strings.TrimPrefix(p, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		return t.files[name+"index.html"], ""
	}
	if f := t.files[name]; f != nil {
		return f, ""
	}
	if t.files[name+"/index.html"] != nil {
		return nil, p + "/"
	}
	return nil, ""
}

// mimeTypes is consulted before the system's table so that the answer does
// not depend on the machine's /etc/mime.types.
var mimeTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".har":         "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml",
	".svg":         "image/svg+xml",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
	".mmd":         "text/plain; charset=utf-8",
	".puml":        "text/plain; charset=utf-8",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
	".ttf":         "font/ttf",
	".otf":         "font/otf",
	".pdf":         "application/pdf",
	".wasm":        "application/wasm",
	".gz":          "application/gzip",
	".zip":         "application/zip",
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := mimeTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

func compressible(ctype string) bool {
	base, _, _ := strings.Cut(ctype, ";")
	switch base {
	case "application/json", "application/xml", "image/svg+xml", "application/manifest+json", "application/javascript":
		return true
	}
	return strings.HasPrefix(base, "text/")
}
