package har

// The decoders below fill the model from the scanner, one type each. Every
// HAR "required" field is optional here; fields the model has no slot for,
// `_`-prefixed or not, are kept in Extra as written (compacted).

func (s *scanner) extra(x *Extensions, key []byte) error {
	name := string(key)
	raw, err := s.raw()
	if err != nil {
		return err
	}
	*x = append(*x, Field{Name: name, Value: raw})
	return nil
}

func (s *scanner) creator(c *Creator, what string) error {
	return s.object(what, func(k []byte) (err error) {
		switch string(k) {
		case "name":
			c.Name, err = s.str(what + ".name")
		case "version":
			c.Version, err = s.str(what + ".version")
		case "comment":
			c.Comment, err = s.str(what + ".comment")
		default:
			err = s.skip()
		}
		return err
	})
}

func (s *scanner) pages(l *Log) error {
	l.Pages = l.Pages[:0]
	return s.array("log.pages", func() error {
		var p Page
		p.PageTimings = PageTimings{OnContentLoad: -1, OnLoad: -1}
		err := s.object("a page", func(k []byte) (err error) {
			switch string(k) {
			case "startedDateTime":
				p.StartedDateTime, err = s.str("page startedDateTime")
			case "id":
				p.ID, err = s.str("page id")
			case "title":
				p.Title, err = s.str("page title")
			case "comment":
				p.Comment, err = s.str("page comment")
			case "pageTimings":
				err = s.object("pageTimings", func(k []byte) (err error) {
					switch string(k) {
					case "onContentLoad":
						p.PageTimings.OnContentLoad, err = s.float("onContentLoad", -1)
					case "onLoad":
						p.PageTimings.OnLoad, err = s.float("onLoad", -1)
					case "comment":
						p.PageTimings.Comment, err = s.str("pageTimings comment")
					default:
						err = s.skip()
					}
					return err
				})
			default:
				err = s.extra(&p.Extra, k)
			}
			return err
		})
		l.Pages = append(l.Pages, p)
		return err
	})
}

// entry decodes one element of log.entries.
func (s *scanner) entry(e *Entry, keepBodies bool) error {
	e.Timings = Timings{Blocked: -1, DNS: -1, Connect: -1, Send: -1, Wait: -1, Receive: -1, SSL: -1}
	return s.object("an entry", func(k []byte) (err error) {
		switch string(k) {
		case "pageref":
			e.PageRef, err = s.str("pageref")
		case "startedDateTime":
			e.StartedDateTime, err = s.str("startedDateTime")
			e.Started = ParseTime(e.StartedDateTime)
		case "time":
			e.Time, err = s.float("time", 0)
		case "request":
			err = s.request(&e.Request)
		case "response":
			err = s.response(&e.Response, keepBodies)
		case "cache":
			e.Cache, err = s.raw()
		case "timings":
			err = s.timings(&e.Timings)
		case "serverIPAddress":
			e.ServerIPAddress, err = s.str("serverIPAddress")
		case "connection":
			e.Connection, err = s.str("connection")
		case "comment":
			e.Comment, err = s.str("entry comment")
		default:
			err = s.extra(&e.Extra, k)
		}
		return err
	})
}

func (s *scanner) request(r *Request) error {
	r.HeadersSize, r.BodySize = -1, -1
	return s.object("request", func(k []byte) (err error) {
		switch string(k) {
		case "method":
			r.Method, err = s.str("request.method")
		case "url":
			r.URL, err = s.str("request.url")
		case "httpVersion":
			r.HTTPVersion, err = s.str("request.httpVersion")
		case "headers":
			r.Headers, err = s.nameValues("request.headers")
		case "cookies":
			r.Cookies, err = s.cookies("request.cookies")
		case "queryString":
			r.QueryString, err = s.nameValues("request.queryString")
		case "postData":
			r.PostData, err = s.postData()
		case "headersSize":
			r.HeadersSize, err = s.int64v("request.headersSize", -1)
		case "bodySize":
			r.BodySize, err = s.int64v("request.bodySize", -1)
		case "comment":
			r.Comment, err = s.str("request.comment")
		default:
			err = s.extra(&r.Extra, k)
		}
		return err
	})
}

func (s *scanner) response(r *Response, keepBodies bool) error {
	r.HeadersSize, r.BodySize = -1, -1
	return s.object("response", func(k []byte) (err error) {
		switch string(k) {
		case "status":
			var n int64
			n, err = s.int64v("response.status", 0)
			r.Status = int(n)
		case "statusText":
			r.StatusText, err = s.str("response.statusText")
		case "httpVersion":
			r.HTTPVersion, err = s.str("response.httpVersion")
		case "headers":
			r.Headers, err = s.nameValues("response.headers")
		case "cookies":
			r.Cookies, err = s.cookies("response.cookies")
		case "content":
			err = s.content(&r.Content, keepBodies)
		case "redirectURL":
			r.RedirectURL, err = s.str("response.redirectURL")
		case "headersSize":
			r.HeadersSize, err = s.int64v("response.headersSize", -1)
		case "bodySize":
			r.BodySize, err = s.int64v("response.bodySize", -1)
		case "comment":
			r.Comment, err = s.str("response.comment")
		default:
			err = s.extra(&r.Extra, k)
		}
		return err
	})
}

func (s *scanner) content(c *Content, keepBodies bool) error {
	return s.object("response.content", func(k []byte) (err error) {
		switch string(k) {
		case "size":
			c.Size, err = s.int64v("content.size", 0)
		case "compression":
			c.Compression, err = s.int64v("content.compression", 0)
		case "mimeType":
			c.MimeType, err = s.str("content.mimeType")
		case "text":
			if keepBodies {
				c.Text, err = s.str("content.text")
			} else if b, _ := s.ws(); b == '"' {
				c.TextLength, err = s.skipString()
			} else {
				err = s.skip()
			}
		case "encoding":
			c.Encoding, err = s.str("content.encoding")
		case "comment":
			c.Comment, err = s.str("content.comment")
		default:
			err = s.extra(&c.Extra, k)
		}
		return err
	})
}

func (s *scanner) postData() (*PostData, error) {
	c, _ := s.ws()
	if c == 'n' {
		return nil, s.literal()
	}
	p := &PostData{}
	err := s.object("request.postData", func(k []byte) (err error) {
		switch string(k) {
		case "mimeType":
			p.MimeType, err = s.str("postData.mimeType")
		case "text":
			p.Text, err = s.str("postData.text")
		case "comment":
			p.Comment, err = s.str("postData.comment")
		case "params":
			p.Params = p.Params[:0]
			err = s.list("postData.params", func() error {
				var q Param
				err := s.object("a postData param", func(k []byte) (err error) {
					switch string(k) {
					case "name":
						q.Name, err = s.str("param name")
					case "value":
						// chrome-har 0.2 writes a JSON body's values
						// as JSON: they are read as their text.
						if c, _ := s.ws(); c == '{' || c == '[' {
							var v RawJSON
							v, err = s.raw()
							q.Value = string(v)
							break
						}
						q.Value, err = s.str("param value")
					case "fileName":
						q.FileName, err = s.str("param fileName")
					case "contentType":
						q.ContentType, err = s.str("param contentType")
					case "comment":
						q.Comment, err = s.str("param comment")
					default:
						err = s.skip()
					}
					return err
				})
				p.Params = append(p.Params, q)
				return err
			})
		default:
			err = s.extra(&p.Extra, k)
		}
		return err
	})
	return p, err
}

// list reads an array, or a single object where an exporter wrote one
// instead of an array of one (IE 11 does for cookies).
func (s *scanner) list(what string, f func() error) error {
	if c, _ := s.ws(); c == '{' {
		return f()
	}
	return s.array(what, f)
}

// nameValues reads headers or a query string: name/value objects, or one
// object of name: value fields (hand-made HAR writers dump headers so; its
// string fields are read as pairs, in order). A value may
// be an array of strings (Polly.JS's node adapters record headers as Node
// holds them, `"value": ["*/*"]`): each element is then a pair of its own
// with that name, as a repeated header is; an empty array is one empty value.
func (s *scanner) nameValues(what string) ([]NameValue, error) {
	var out []NameValue
	err := s.list(what, func() error {
		if c, _ := s.ws(); c == 'n' {
			return s.literal()
		}
		var nv NameValue
		var values []string   // the elements of an array value, if it is one
		var named []NameValue // fields of an object that is a name: value map
		hasName := false
		err := s.object(what, func(k []byte) (err error) {
			switch string(k) {
			case "name":
				hasName = true
				nv.Name, err = s.str(what + " name")
			case "value":
				hasName = true
				if c, _ := s.ws(); c != '[' {
					nv.Value, err = s.str(what + " value")
					break
				}
				values = []string{}
				err = s.array(what+" value", func() error {
					v, err := s.str(what + " value")
					values = append(values, v)
					return err
				})
			case "comment":
				nv.Comment, err = s.str(what + " comment")
			default:
				if c, _ := s.ws(); c == '"' && k[0] != '_' {
					v, err := s.str(what + " value")
					named = append(named, NameValue{Name: string(k), Value: v})
					return err
				}
				err = s.skip()
			}
			return err
		})
		if !hasName && len(named) > 0 {
			// {"Cookie": "a=1", "Accept": "*/*"}: hand-made writers
			// dump headers as a map.
			out = append(out, named...)
			return err
		}
		if len(values) == 0 {
			out = append(out, nv)
		}
		for _, v := range values {
			nv.Value = v
			out = append(out, nv)
		}
		return err
	})
	return out, err
}

func (s *scanner) cookies(what string) ([]Cookie, error) {
	var out []Cookie
	err := s.list(what, func() error {
		if c, _ := s.ws(); c == 'n' {
			return s.literal()
		}
		var ck Cookie
		err := s.object(what, func(k []byte) (err error) {
			switch string(k) {
			case "name":
				ck.Name, err = s.str("cookie name")
			case "value":
				ck.Value, err = s.str("cookie value")
			case "path":
				ck.Path, err = s.str("cookie path")
			case "domain":
				ck.Domain, err = s.str("cookie domain")
			case "expires":
				ck.Expires, err = s.str("cookie expires")
			case "httpOnly":
				ck.HTTPOnly, err = s.boolv("cookie httpOnly")
			case "secure":
				ck.Secure, err = s.boolv("cookie secure")
			case "sameSite":
				ck.SameSite, err = s.str("cookie sameSite")
			case "comment":
				ck.Comment, err = s.str("cookie comment")
			default:
				err = s.extra(&ck.Extra, k)
			}
			return err
		})
		out = append(out, ck)
		return err
	})
	return out, err
}

func (s *scanner) timings(t *Timings) error {
	return s.object("timings", func(k []byte) (err error) {
		switch string(k) {
		case "blocked":
			t.Blocked, err = s.float("timings.blocked", -1)
		case "dns":
			t.DNS, err = s.float("timings.dns", -1)
		case "connect":
			t.Connect, err = s.float("timings.connect", -1)
		case "send":
			t.Send, err = s.float("timings.send", -1)
		case "wait":
			t.Wait, err = s.float("timings.wait", -1)
		case "receive":
			t.Receive, err = s.float("timings.receive", -1)
		case "ssl":
			t.SSL, err = s.float("timings.ssl", -1)
		case "comment":
			t.Comment, err = s.str("timings.comment")
		default:
			err = s.extra(&t.Extra, k)
		}
		return err
	})
}
