package cdp

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
)

// Error is an error the browser answered a command with.
type Error struct {
	Method  string
	Code    int64  `json:"code"`
	Message string `json:"message"`
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s (%d)", e.Method, e.Message, e.Code) }

// ErrClosed is returned by calls once the connection to the browser is gone.
var ErrClosed = errors.New("the connection to the browser is closed")

// message is one protocol message, either way.
type message struct {
	ID        int64           `json:"id,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *Error          `json:"error,omitempty"`
}

// conn is the protocol over the pipe: messages are JSON, each ended by a
// NUL byte.
type conn struct {
	w  io.WriteCloser
	wm sync.Mutex

	mu       sync.Mutex
	next     int64
	pending  map[int64]chan *message
	sessions map[string]*Session
	root     *Session
	closed   chan struct{}
	err      error
}

func newConn(r io.Reader, w io.WriteCloser) *conn {
	c := &conn{w: w, pending: map[int64]chan *message{}, sessions: map[string]*Session{}, closed: make(chan struct{})}
	c.root = newSession(c, "", "")
	go c.read(r)
	return c
}

func (c *conn) read(r io.Reader) {
	br := bufio.NewReaderSize(r, 1<<16)
	var err error
	for {
		var b []byte
		b, err = br.ReadBytes(0)
		if err != nil {
			break
		}
		var m message
		if json.Unmarshal(b[:len(b)-1], &m) != nil {
			continue
		}
		if m.ID != 0 {
			c.mu.Lock()
			ch := c.pending[m.ID]
			delete(c.pending, m.ID)
			c.mu.Unlock()
			if ch != nil {
				ch <- &m
			}
			continue
		}
		c.mu.Lock()
		s := c.root
		if m.SessionID != "" {
			s = c.sessions[m.SessionID]
		}
		c.mu.Unlock()
		if s != nil {
			s.event(m.Method, m.Params)
		}
		if m.Method == "Target.detachedFromTarget" {
			var p struct {
				SessionID string `json:"sessionId"`
			}
			json.Unmarshal(m.Params, &p)
			c.mu.Lock()
			gone := c.sessions[p.SessionID]
			delete(c.sessions, p.SessionID)
			c.mu.Unlock()
			if gone != nil {
				gone.detach()
			}
		}
	}
	c.mu.Lock()
	c.err = ErrClosed
	if err != nil && !errors.Is(err, io.EOF) {
		c.err = fmt.Errorf("%w: %v", ErrClosed, err)
	}
	pending := c.pending
	c.pending = map[int64]chan *message{}
	sessions := c.sessions
	c.sessions = map[string]*Session{}
	c.mu.Unlock()
	for _, ch := range pending {
		close(ch)
	}
	for _, s := range sessions {
		s.detach()
	}
	c.root.detach()
	close(c.closed)
}

// call sends a command and waits for its answer.
func (c *conn) call(ctx context.Context, session, method string, params, result any) error {
	if params == nil {
		params = struct{}{}
	}
	p, err := json.Marshal(params)
	if err != nil {
		return err
	}
	ch := make(chan *message, 1)
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return c.err
	}
	c.next++
	id := c.next
	c.pending[id] = ch
	c.mu.Unlock()
	b, err := json.Marshal(message{ID: id, SessionID: session, Method: method, Params: p})
	if err != nil {
		return err
	}
	c.wm.Lock()
	_, err = c.w.Write(append(b, 0))
	c.wm.Unlock()
	if err != nil {
		c.forget(id)
		return fmt.Errorf("%w: %v", ErrClosed, err)
	}
	select {
	case m, ok := <-ch:
		if !ok {
			return ErrClosed
		}
		if m.Error != nil {
			m.Error.Method = method
			return m.Error
		}
		if result != nil && len(m.Result) > 0 {
			return json.Unmarshal(m.Result, result)
		}
		return nil
	case <-ctx.Done():
		c.forget(id)
		return ctx.Err()
	}
}

func (c *conn) forget(id int64) {
	c.mu.Lock()
	delete(c.pending, id)
	c.mu.Unlock()
}

// Session is the root session (the browser) or a page attached to it.
type Session struct {
	c        *conn
	id       string
	TargetID string

	mu        sync.Mutex
	listeners []func(method string, params json.RawMessage)
	waiters   map[int]*waiter
	nextW     int
	detached  chan struct{}
	once      sync.Once
}

type waiter struct {
	method string
	ch     chan json.RawMessage
}

func newSession(c *conn, id, target string) *Session {
	return &Session{c: c, id: id, TargetID: target, waiters: map[int]*waiter{}, detached: make(chan struct{})}
}

// Call sends a command in this session; result (if not nil) receives the
// answer's JSON.
func (s *Session) Call(ctx context.Context, method string, params, result any) error {
	return s.c.call(ctx, s.id, method, params, result)
}

// Listen adds fn, called for every event of the session in the order the
// browser sent them. fn runs on the goroutine that reads the pipe: it must
// return fast and must not call the browser.
func (s *Session) Listen(fn func(method string, params json.RawMessage)) {
	s.mu.Lock()
	s.listeners = append(s.listeners, fn)
	s.mu.Unlock()
}

// Detached is closed when the page is gone (closed, crashed, the browser
// exited).
func (s *Session) Detached() <-chan struct{} { return s.detached }

func (s *Session) detach() { s.once.Do(func() { close(s.detached) }) }

func (s *Session) event(method string, params json.RawMessage) {
	s.mu.Lock()
	ls := s.listeners
	for id, w := range s.waiters {
		if w.method == method {
			w.ch <- params
			delete(s.waiters, id)
		}
	}
	s.mu.Unlock()
	for _, fn := range ls {
		fn(method, params)
	}
}

// CallAndWait sends a command and waits for the first event called event
// that comes after it was sent (Page.navigate, then Page.loadEventFired).
func (s *Session) CallAndWait(ctx context.Context, method string, params any, event string) (json.RawMessage, error) {
	w := &waiter{method: event, ch: make(chan json.RawMessage, 1)}
	s.mu.Lock()
	s.nextW++
	id := s.nextW
	s.waiters[id] = w
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.waiters, id)
		s.mu.Unlock()
	}()
	var res struct {
		ErrorText string `json:"errorText"`
	}
	if err := s.Call(ctx, method, params, &res); err != nil {
		return nil, err
	}
	if res.ErrorText != "" {
		return nil, errors.New(res.ErrorText)
	}
	select {
	case p := <-w.ch:
		return p, nil
	case <-s.detached:
		return nil, ErrClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
