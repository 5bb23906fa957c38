package authflow

import (
	"path/filepath"
	"testing"

	"github.com/seqdoc/seqdoc/har"
)

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
