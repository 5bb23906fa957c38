// Package cdp starts a Chromium-based browser with a throw-away profile and
// speaks the Chrome DevTools Protocol to it over a private pipe
// (--remote-debugging-pipe): commands, their answers, and the events of
// each attached page.
//
// It is a small client on the standard library alone, so that linking
// `seqdoc record` adds no package-initialisation work to seqdoc's other
// commands (a general CDP library and its JSON package do).
//
//	b, err := cdp.Start(ctx, "/usr/bin/chromium", []string{"--headless"})
//	defer b.Close()              // the browser stops, its profile folder is removed
//	page, err := b.NewPage(ctx)  // a new tab in a fresh, in-memory browser context
//	page.Listen(func(method string, params json.RawMessage) { … })
//	err = page.Call(ctx, "Page.navigate", map[string]any{"url": u}, nil)
//
// The profile folder is made in the temporary directory and removed by
// Close, after the browser and every process that still names the folder
// on its command line (Linux) are gone. On Linux the browser is also
// killed if seqdoc dies (Pdeathsig). The browser runs in its own process
// group, so a Ctrl-C in the terminal reaches seqdoc, which then closes it.
package cdp
