package site

import "sync"

// hashCache computes the value of each key (a content hash) once, even when
// several pages ask at the same time, and forgets the keys that a whole
// build did not use, so that a long seqdoc serve session does not grow.
type hashCache[V any] struct {
	mu  sync.Mutex
	m   map[[32]byte]*cacheEntry[V]
	gen int // the current build; entries remember the last one that used them
}

type cacheEntry[V any] struct {
	once sync.Once
	v    V
	err  error
	gen  int
}

// get returns the value of key, computing it with f the first time.
func (c *hashCache[V]) get(key [32]byte, f func() (V, error)) (V, error) {
	c.mu.Lock()
	if c.m == nil {
		c.m = map[[32]byte]*cacheEntry[V]{}
	}
	e := c.m[key]
	if e == nil {
		e = &cacheEntry[V]{}
		c.m[key] = e
	}
	e.gen = c.gen
	c.mu.Unlock()
	e.once.Do(func() { e.v, e.err = f() })
	return e.v, e.err
}

// sweep forgets the entries no get asked for since the last sweep. Call it
// after a whole build, never after a partial one.
func (c *hashCache[V]) sweep() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.m {
		if e.gen != c.gen {
			delete(c.m, k)
		}
	}
	c.gen++
}

// len is the number of entries, for tests.
func (c *hashCache[V]) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}
