package standin

import (
	"bytes"
	"compress/gzip"
	"crypto"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"strings"
)

func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return b
}

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

func randomAlnum(n int) string {
	b := make([]byte, n)
	for i := range b {
		k, err := rand.Int(rand.Reader, big.NewInt(int64(len(alnum))))
		if err != nil {
			panic(err)
		}
		b[i] = alnum[k.Int64()]
	}
	return string(b)
}

func newUUID() string {
	b := randomBytes(16)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// addCanary records a secret of the run in every form it travels in: as
// it is, query-escaped, path-escaped. The caller holds s.mu or runs before
// the servers start.
func (s *StandIn) addCanary(v string) {
	for _, f := range []string{v, url.QueryEscape(v), url.PathEscape(v)} {
		if len(f) < 8 || s.canarySeen[f] {
			continue
		}
		s.canarySeen[f] = true
		s.canaries = append(s.canaries, f)
	}
}

// canary locks s.mu and records a secret.
func (s *StandIn) canary(vs ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range vs {
		s.addCanary(v)
	}
}

// jwtCanary records a JWT and each of its segments.
func (s *StandIn) jwtCanary(tok string) {
	s.canary(tok)
	s.canary(strings.Split(tok, ".")...)
}

// Canaries returns every secret issued so far, in the order issued.
func (s *StandIn) Canaries() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.canaries...)
}

func b64url(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func jsonSegment(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b64url(b)
}

// rs256 signs claims as Cognito signs its tokens.
func rs256(claims map[string]any) string {
	head := jsonSegment(map[string]any{"kid": rsaKid(), "alg": "RS256"})
	body := jsonSegment(claims)
	h := sha256.Sum256([]byte(head + "." + body))
	sig, err := rsa.SignPKCS1v15(rand.Reader, rsaKey(), crypto.SHA256, h[:])
	if err != nil {
		panic(err)
	}
	return head + "." + body + "." + b64url(sig)
}

// albJWT is the x-amzn-oidc-data token: ES256, with the header fields the
// ALB writes, and base64 padding kept (as AWS documents, unlike RFC 7515).
func (s *StandIn) albJWT(claims map[string]any, exp int64) string {
	pad := base64.URLEncoding
	hb, _ := json.Marshal(map[string]any{"typ": "JWT", "kid": s.es256Kid, "alg": "ES256", "iss": "https://cognito-idp." + region + ".amazonaws.com/" + s.poolID, "client": s.clientID, "signer": s.albARN, "exp": exp})
	cb, _ := json.Marshal(claims)
	signing := pad.EncodeToString(hb) + "." + pad.EncodeToString(cb)
	h := sha256.Sum256([]byte(signing))
	r, ss, err := ecdsa.Sign(rand.Reader, s.es256, h[:])
	if err != nil {
		panic(err)
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	ss.FillBytes(sig[32:])
	return signing + "." + pad.EncodeToString(sig)
}

// seal encrypts v with the ALB's key (AES-GCM) into standard base64, as
// the ALB's session cookie looks.
func (s *StandIn) seal(v any) string {
	plain, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	block, _ := aes.NewCipher(s.albKey)
	gcm, _ := cipher.NewGCM(block)
	nonce := randomBytes(gcm.NonceSize())
	return base64.StdEncoding.EncodeToString(gcm.Seal(nonce, nonce, plain, nil))
}

// open decrypts what seal wrote.
func (s *StandIn) open(text string, v any) error {
	raw, err := base64.StdEncoding.DecodeString(text)
	if err != nil {
		raw, err = base64.RawURLEncoding.DecodeString(text)
		if err != nil {
			return err
		}
	}
	block, _ := aes.NewCipher(s.albKey)
	gcm, _ := cipher.NewGCM(block)
	if len(raw) < gcm.NonceSize() {
		return errors.New("short")
	}
	plain, err := gcm.Open(nil, raw[:gcm.NonceSize()], raw[gcm.NonceSize():], nil)
	if err != nil {
		return err
	}
	return json.Unmarshal(plain, v)
}

// sealURL is seal in URL-safe base64 without padding (the ALB's state).
func (s *StandIn) sealURL(v any) string {
	std := s.seal(v)
	raw, _ := base64.StdEncoding.DecodeString(std)
	return b64url(raw)
}

// cognitoCookie is a value in the shape of Cognito's session cookie: a
// gzip stream (H4sI…) in standard base64.
func cognitoCookie() string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(randomBytes(220))
	zw.Close()
	return base64.StdEncoding.EncodeToString(b.Bytes())
}
