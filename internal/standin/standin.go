package standin

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// Options configure the stand-in. The zero value is the happy path: an
// application at app.example.com, Cognito at
// myapp.auth.eu-west-1.amazoncognito.com, user alice, a logout that does
// everything right.
type Options struct {
	// AppHost is the application's host name, behind the ALB.
	AppHost string
	// CognitoHost is the Cognito user pool domain.
	CognitoHost string
	// User is the user name that signs in; Password its password (both
	// generated when empty: the password is a secret of the run).
	User, Password string

	// ManagedLogin serves the managed login page (one form, a button)
	// instead of the classic hosted UI (two forms, one hidden).
	ManagedLogin bool
	// ClaimBytes adds a claim of about this many bytes to the user's
	// claims: above about 3,000 the session cookie comes in shards; above
	// 11,000 (claims plus access token) the ALB answers the callback 500.
	ClaimBytes int

	// LogoutKeepsALBCookie: the application's /logout does not expire the
	// ALB session cookie (finding logout-keeps-alb-session).
	LogoutKeepsALBCookie bool
	// LogoutFirstShardOnly: /logout expires AWSELBAuthSessionCookie-0 only.
	LogoutFirstShardOnly bool
	// LogoutSkipsCognito: /logout expires the ALB cookie but sends the
	// browser straight to /logged-out, so the Cognito session lives on
	// (the next sign-in is silent: finding silent-reauth).
	LogoutSkipsCognito bool

	// TokenError: the token endpoint refuses the code (invalid_grant);
	// the ALB answers the callback 561.
	TokenError bool
	// IdPUnreachable: the ALB cannot reach the token endpoint; it answers
	// the callback 500.
	IdPUnreachable bool
	// LoginTimeout is the ALB's client login window (15 minutes when
	// zero; negative: every callback is too late, 401).
	LoginTimeout time.Duration
	// SessionTimeout is the rule's session timeout (7 days when zero).
	SessionTimeout time.Duration
	// CallbackMismatch: the ALB's callback URL is not registered on the
	// app client; Cognito sends the browser to /error?error=redirect_mismatch.
	CallbackMismatch bool
	// NoStickiness: no AWSALB / AWSALBCORS cookies.
	NoStickiness bool

	// Logf, if set, receives one line per request served.
	Logf func(format string, args ...any)
}

const (
	defaultAppHost     = "app.example.com"
	defaultCognitoHost = "myapp.auth.eu-west-1.amazoncognito.com"
	region             = "eu-west-1"
	// shardLimit is the largest value of one session cookie shard.
	shardLimit = 4000
	// claimsLimit: claims plus access token above this, the ALB answers 500.
	claimsLimit = 11000
)

// StandIn is a running stand-in. Its methods are safe for concurrent use.
type StandIn struct {
	opts     Options
	alb      *httptest.Server
	cognito  *httptest.Server
	app      *httptest.Server
	back     *http.Client // the ALB's back channel to Cognito
	clientID string
	secret   string // the app client's secret (back channel only)
	poolID   string
	albARN   string
	albKey   []byte // AES key of session cookies and states
	es256    *ecdsa.PrivateKey
	es256Kid string

	mu            sync.Mutex
	seq           int
	served        []Served
	back2         []BackChannel
	canaries      []string
	canarySeen    map[string]bool
	phase         string
	codes         map[string]*authCode
	sessions      map[string]*cognitoSession // "cognito" cookie value → session
	tokens        map[string]*tokenSet       // access token → claims
	pendingLogout bool                       // Cognito's /logout just sent the browser to logout_uri
	subs          map[string]string          // user → sub
}

type authCode struct {
	user, redirectURI string
	issued            time.Time
	used              bool
}

type cognitoSession struct {
	user    string
	expires time.Time
}

type tokenSet struct {
	user   string
	claims map[string]any
}

// Start starts the three servers. Close stops them.
func Start(opts Options) (*StandIn, error) {
	if opts.AppHost == "" {
		opts.AppHost = defaultAppHost
	}
	if opts.CognitoHost == "" {
		opts.CognitoHost = defaultCognitoHost
	}
	if opts.User == "" {
		opts.User = "alice"
	}
	if opts.LoginTimeout == 0 {
		opts.LoginTimeout = 15 * time.Minute
	}
	if opts.SessionTimeout == 0 {
		opts.SessionTimeout = 7 * 24 * time.Hour
	}
	s := &StandIn{
		opts:       opts,
		canarySeen: map[string]bool{},
		codes:      map[string]*authCode{},
		sessions:   map[string]*cognitoSession{},
		tokens:     map[string]*tokenSet{},
		phase:      "login",
	}
	if s.opts.Password == "" {
		// Letters, digits and a '!' that travels as %21 in the form body.
		s.opts.Password = randomAlnum(6) + "!" + randomAlnum(5)
	}
	s.addCanary(s.opts.Password)
	s.clientID = strings.ToLower(randomAlnum(26))
	s.secret = strings.ToLower(randomAlnum(51))
	s.poolID = region + "_" + randomAlnum(9)
	s.albARN = "arn:aws:elasticloadbalancing:" + region + ":123456789012:loadbalancer/app/standin/" + strings.ToLower(randomAlnum(16))
	s.albKey = randomBytes(32)
	s.addCanary(s.secret)
	var err error
	if s.es256, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		return nil, err
	}
	s.es256Kid = newUUID()

	ca, err := newCA()
	if err != nil {
		return nil, err
	}
	quiet := log.New(io.Discard, "", 0) // TLS handshake noise from a browser that gives up

	s.app = httptest.NewUnstartedServer(http.HandlerFunc(s.serveApp))
	s.app.Config.ErrorLog = quiet
	s.app.Start()

	s.cognito = httptest.NewUnstartedServer(http.HandlerFunc(s.serveCognito))
	s.cognito.EnableHTTP2 = true
	s.cognito.Config.ErrorLog = quiet
	if s.cognito.TLS, err = ca.serverConfig(opts.CognitoHost); err != nil {
		return nil, err
	}
	s.cognito.StartTLS()

	s.alb = httptest.NewUnstartedServer(http.HandlerFunc(s.serveALB))
	s.alb.EnableHTTP2 = true
	s.alb.Config.ErrorLog = quiet
	if s.alb.TLS, err = ca.serverConfig(opts.AppHost); err != nil {
		s.cognito.Close()
		return nil, err
	}
	s.alb.StartTLS()

	s.back = s.client(ca.pool)
	return s, nil
}

// client returns an HTTP client that reaches the two host names on the
// stand-in's servers and trusts their certificates.
func (s *StandIn) client(pool *x509.CertPool) *http.Client {
	dial := &net.Dialer{Timeout: 5 * time.Second}
	addr := map[string]string{
		s.opts.AppHost + ":443":     s.alb.Listener.Addr().String(),
		s.opts.CognitoHost + ":443": s.cognito.Listener.Addr().String(),
	}
	return &http.Client{
		Transport: &http.Transport{
			DialContext: func(ctx context.Context, network, a string) (net.Conn, error) {
				if to, ok := addr[a]; ok {
					return dial.DialContext(ctx, network, to)
				}
				return nil, fmt.Errorf("standin: no route to %s", a)
			},
			TLSClientConfig:   &tls.Config{RootCAs: pool},
			ForceAttemptHTTP2: true,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       10 * time.Second,
	}
}

// Close stops the servers.
func (s *StandIn) Close() {
	s.alb.Close()
	s.cognito.Close()
	s.app.Close()
	s.back.CloseIdleConnections()
}

// AppURL is the application's start page, https://AppHost/.
func (s *StandIn) AppURL() string { return "https://" + s.opts.AppHost + "/" }

// AppHost and CognitoHost are the two host names.
func (s *StandIn) AppHost() string     { return s.opts.AppHost }
func (s *StandIn) CognitoHost() string { return s.opts.CognitoHost }

// User and Password are the credentials that sign in.
func (s *StandIn) User() string     { return s.opts.User }
func (s *StandIn) Password() string { return s.opts.Password }

// ClientID is the Cognito app client's id (public: it travels in URLs).
func (s *StandIn) ClientID() string { return s.clientID }

// ALBAddr and CognitoAddr are the servers' listening addresses (host:port).
func (s *StandIn) ALBAddr() string     { return s.alb.Listener.Addr().String() }
func (s *StandIn) CognitoAddr() string { return s.cognito.Listener.Addr().String() }

// HostResolverRules is the value of Chromium's --host-resolver-rules that
// sends the two host names to the stand-in and every other name nowhere.
func (s *StandIn) HostResolverRules() string {
	return "MAP " + s.opts.AppHost + " " + s.ALBAddr() + ",MAP " + s.opts.CognitoHost + " " + s.CognitoAddr() + ",MAP * ~NOTFOUND"
}

// BrowserFlags are the Chromium flags (as "--name=value") that reach the
// stand-in under its host names: --host-resolver-rules and
// --ignore-certificate-errors.
func (s *StandIn) BrowserFlags() []string {
	return []string{"--host-resolver-rules=" + s.HostResolverRules(), "--ignore-certificate-errors"}
}

// Client returns an HTTP client that reaches the host names and trusts the
// stand-in's certificates, and that does not follow redirects (a test can
// walk the flow without a browser).
func (s *StandIn) Client() *http.Client { return s.back }

// ca is a throw-away certificate authority for the two host names.
type ca struct {
	key  *ecdsa.PrivateKey
	cert *x509.Certificate
	pool *x509.CertPool
}

func newCA() (*ca, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "seqdoc stand-in CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &ca{key: key, cert: cert, pool: pool}, nil
}

// serverConfig issues a certificate for one host name (one name per
// certificate, so that a browser never pools the two servers' connections).
func (c *ca) serverConfig(host string) (*tls.Config, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: host},
		DNSNames:     []string{host},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, c.cert, &key.PublicKey, c.key)
	if err != nil {
		return nil, err
	}
	return &tls.Config{
		Certificates: []tls.Certificate{{Certificate: [][]byte{der, c.cert.Raw}, PrivateKey: key}},
		NextProtos:   []string{"h2", "http/1.1"},
	}, nil
}

// rsaKey is Cognito's token signing key, made once per process (RSA key
// generation is slow).
var rsaKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

var rsaKid = sync.OnceValue(func() string {
	h := sha256.Sum256(rsaKey().PublicKey.N.Bytes())
	return base64.StdEncoding.EncodeToString(h[:])
})

// hostURL is the https URL of a host and path.
func hostURL(host, pathAndQuery string) string { return "https://" + host + pathAndQuery }

// query encodes parameters in the given order.
func query(kv ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(kv[i]))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(kv[i+1]))
	}
	return b.String()
}

// StartTest starts a stand-in for a test (failing it if the stand-in
// cannot start) and closes it when the test ends.
func StartTest(t testing.TB, opts Options) *StandIn {
	t.Helper()
	s, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}
