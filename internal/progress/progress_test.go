package progress

import (
	"strings"
	"testing"
	"time"
)

func TestBar(t *testing.T) {
	var out strings.Builder
	b := New(&out, "reading big.har", 200e6)
	now := time.Unix(0, 0)
	b.Now = func() time.Time { return now }
	b.Set(0)
	b.Set(1e6) // same time: not redrawn
	now = now.Add(time.Second)
	b.Set(100e6)
	now = now.Add(10 * time.Millisecond)
	b.Set(102e6) // too soon after the last draw
	b.Set(200e6) // 100 % is always drawn
	b.Done()
	want := "\rreading big.har [..............................]   0%  0 MB / 200 MB" +
		"\rreading big.har [###############...............]  50%  100 MB / 200 MB" +
		"\rreading big.har [##############################] 100%  200 MB / 200 MB" +
		"\r\033[K"
	if out.String() != want {
		t.Errorf("got  %q\nwant %q", out.String(), want)
	}
}

func TestUnknownTotalDrawsNothing(t *testing.T) {
	var out strings.Builder
	b := New(&out, "x", 0)
	b.Set(10)
	b.Done()
	if out.Len() != 0 {
		t.Errorf("drew %q", out.String())
	}
}
