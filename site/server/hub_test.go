package server

import "testing"

func TestHubDropsAPageThatStoppedReading(t *testing.T) {
	h := newHub()
	slow, _, _ := h.subscribe()
	fast, _, _ := h.subscribe()
	for i := 0; i <= clientBuffer; i++ {
		h.broadcast(event("reload", "[]"), nil)
		<-fast.ch
	}
	if got := h.count(); got != 1 {
		t.Fatalf("%d clients after overflowing one, want 1", got)
	}
	n := 0
	for range slow.ch { // closed after its buffer was drained
		n++
	}
	if n != clientBuffer {
		t.Errorf("dropped client had %d events queued, want %d", n, clientBuffer)
	}
	h.unsubscribe(slow) // already gone: must not panic
	h.close()
	if _, ok := <-fast.ch; ok {
		t.Error("close left a client open")
	}
	if _, _, ok := h.subscribe(); ok {
		t.Error("subscribe after close succeeded")
	}
}

func TestHubGivesLatePagesTheCurrentError(t *testing.T) {
	h := newHub()
	errEv := event("error", "a.md:1: bad\nb.md:2: worse")
	if string(errEv) != "event: error\ndata: a.md:1: bad\ndata: b.md:2: worse\n\n" {
		t.Errorf("event bytes %q", errEv)
	}
	h.broadcast(errEv, errEv)
	if _, cur, _ := h.subscribe(); string(cur) != string(errEv) {
		t.Errorf("late page got %q, want the error", cur)
	}
	h.broadcast(event("reload", "[]"), nil)
	if _, cur, _ := h.subscribe(); cur != nil {
		t.Errorf("page after a good build got %q", cur)
	}
}
