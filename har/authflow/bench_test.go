package authflow

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/seqdoc/seqdoc/har"
)

// BenchmarkClassifyFile streams a capture through the reader, the redactor
// and the classifier, as seqdoc inspect does. It uses $SEQDOC_BIG_HAR when
// set (for example the bench kit's 1 GB capture), else the 200-request
// generated session.
func BenchmarkClassifyFile(b *testing.B) {
	p := os.Getenv("SEQDOC_BIG_HAR")
	if p == "" {
		p = filepath.Join(genDir, "u6-200-requests.har")
	}
	st, err := os.Stat(p)
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ClassifyFile(p, har.ReadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClassify measures classification alone on entries already read
// and redacted (the 200-request session).
func BenchmarkClassify(b *testing.B) {
	log, entries, err := har.ReadFile(filepath.Join(genDir, "u6-200-requests.har"), har.ReadOptions{})
	if err != nil {
		b.Skip(err)
	}
	har.Redact(log, entries, RedactOptions(nil))
	b.ReportAllocs()
	for b.Loop() {
		Classify(log, entries)
	}
}
