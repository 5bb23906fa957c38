package server

import (
	"strings"
	"sync"
)

// hub fans Server-Sent Events out to the connected pages. The Server owns
// one; nothing here is global, so tests run servers side by side.
//
// A client whose buffer is full (a page that stopped reading) is dropped
// rather than allowed to slow the others down; its EventSource reconnects.
type hub struct {
	mu      sync.Mutex
	clients map[*client]struct{}
	errEv   []byte // the current error event, sent to pages that connect while the build is broken
	closed  bool
}

type client struct {
	ch chan []byte
}

// clientBuffer is how many events a slow page may fall behind.
const clientBuffer = 16

func newHub() *hub { return &hub{clients: make(map[*client]struct{})} }

// subscribe registers a page. It returns ok=false once the hub is closed,
// and the current error event, if any, for the page to show at once.
func (h *hub) subscribe() (c *client, current []byte, ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, nil, false
	}
	c = &client{ch: make(chan []byte, clientBuffer)}
	h.clients[c] = struct{}{}
	return c, h.errEv, true
}

func (h *hub) unsubscribe(c *client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.clients[c]; ok {
		delete(h.clients, c)
		close(c.ch)
	}
}

// broadcast sends ev to every page without blocking. errState replaces the
// error event that late pages receive (nil after a good rebuild).
func (h *hub) broadcast(ev []byte, errState []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.errEv = errState
	for c := range h.clients {
		select {
		case c.ch <- ev:
		default:
			delete(h.clients, c)
			close(c.ch)
		}
	}
}

// count is the number of connected pages.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// close disconnects every page and refuses new ones, so that a graceful
// shutdown does not wait for event streams that never end.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.clients {
		delete(h.clients, c)
		close(c.ch)
	}
}

// event formats one Server-Sent Event; every line of data becomes its own
// "data:" field, so multi-line messages survive.
func event(name, data string) []byte {
	var b strings.Builder
	b.WriteString("event: ")
	b.WriteString(name)
	b.WriteByte('\n')
	for _, line := range strings.Split(strings.ReplaceAll(data, "\r\n", "\n"), "\n") {
		b.WriteString("data: ")
		b.WriteString(strings.ReplaceAll(line, "\r", " "))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	return []byte(b.String())
}
