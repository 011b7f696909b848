package site

import (
	"encoding/json"
	"testing"
)

// The record's numbers are read as encoding/json reads them into an
// int64: the same value, and what it refuses is refused.
func TestJSONReaderNum(t *testing.T) {
	for _, in := range []string{
		"0", "-0", "7", "-7", "123", "1764440000123456789", "-1764440000123456789",
		"9223372036854775807", "-9223372036854775808", "999999999999999999",
		"9223372036854775808", "-9223372036854775809", "18446744073709551615", "99999999999999999999",
		"01", "-01", "00", "", "-", "+1", "1e3", "1.5",
	} {
		var want int64
		wantOK := json.Unmarshal([]byte(in), &want) == nil
		r := &jsonReader{d: []byte(in), ok: true}
		got := r.num()
		r.end()
		if r.ok != wantOK || wantOK && got != want {
			t.Errorf("num(%q) = %d, ok %v; encoding/json: %d, ok %v", in, got, r.ok, want, wantOK)
		}
	}
}
