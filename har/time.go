package har

import "time"

// ParseTime parses a HAR date as exporters write it: RFC 3339 with any number
// of fractional digits (0 to 9), a zone offset or Z, or no zone at all (read
// as UTC). It returns the zero time for anything else ("NaN-NaN-…").
func ParseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t
	}
	for _, layout := range [...]string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04:05.999999999Z0700", "2006-01-02 15:04:05.999999999Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
