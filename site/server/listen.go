package server

import (
	"errors"
	"fmt"
	"net"
	"os/exec"
	"runtime"
	"strconv"
	"syscall"
)

// Listen opens the TCP listener for bind:port. Port 0 picks a free port (see
// the listener's Addr). A port already in use gets a message that says what
// to do instead of the system's error.
func Listen(bind string, port int) (net.Listener, error) {
	if port < 0 || port > 65535 {
		return nil, fmt.Errorf("port %d is out of range: use 1-65535, or 0 for any free port", port)
	}
	addr := net.JoinHostPort(bind, strconv.Itoa(port))
	ln, err := net.Listen("tcp", addr)
	if err == nil {
		return ln, nil
	}
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return nil, fmt.Errorf("port %d on %s is already in use (another seqdoc serve or hugo server?): stop it, or pick another port with --port (--port 0 picks a free one)", port, bind)
	case errors.Is(err, syscall.EACCES):
		return nil, fmt.Errorf("listening on %s: permission denied: ports below 1024 need privileges; use a higher --port", addr)
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return nil, fmt.Errorf("listening on %s: %s is not an address of this machine; use --bind 127.0.0.1", addr, bind)
	}
	return nil, fmt.Errorf("listening on %s: %w", addr, err)
}

// IsLoopback reports whether bind only accepts connections from this
// machine ("127.0.0.1", "::1", "localhost").
func IsLoopback(bind string) bool {
	if bind == "localhost" {
		return true
	}
	ip := net.ParseIP(bind)
	return ip != nil && ip.IsLoopback()
}

// URL is the address to print and open for a listener bound to bind: a
// wildcard bind is shown as 127.0.0.1, which always works locally.
func URL(bind string, ln net.Listener) string {
	host := bind
	if ip := net.ParseIP(bind); bind == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	port := ln.Addr().(*net.TCPAddr).Port
	return "http://" + net.JoinHostPort(host, strconv.Itoa(port)) + "/"
}

// OpenBrowser asks the desktop to open url in the default browser. It does
// not wait for the browser.
func OpenBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("opening a browser: %w (open %s yourself)", err, url)
	}
	go cmd.Wait()
	return nil
}
