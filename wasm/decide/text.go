package decide

import "unicode/utf8"

// Text is a text in each language of the site, by language code (the codes
// the site lists in tebiki.yaml, such as "ja" and "en").
//
// A site has a handful of languages and its rules tens of thousands of
// texts, so a text is a short list of (language, text) pairs kept in order
// of language code, not a map: two languages take 64 bytes where a map took
// about 300. Build one with With (or TextOf); read it with In and All. Its
// JSON form is that of a map[string]string under encoding/json, an object
// keyed by language code with the keys in order ("null" for a nil text).
type Text []langText

type langText struct{ lang, s string }

// TextOf returns the text with the given language codes and texts:
// TextOf("ja", "窓口", "en", "Counter"). A code without a text gets "".
func TextOf(langAndText ...string) Text {
	t := make(Text, 0, (len(langAndText)+1)/2)
	for i := 0; i < len(langAndText); i += 2 {
		s := ""
		if i+1 < len(langAndText) {
			s = langAndText[i+1]
		}
		t = t.With(langAndText[i], s)
	}
	return t
}

// In returns the text in the language with code lang ("" when it has none).
func (t Text) In(lang string) string {
	for i := range t {
		if t[i].lang == lang {
			return t[i].s
		}
	}
	return ""
}

// Has reports whether t has a text (maybe empty) in the language lang.
func (t Text) Has(lang string) bool {
	for i := range t {
		if t[i].lang == lang {
			return true
		}
	}
	return false
}

// IsZero reports whether the text is empty in every language.
func (t Text) IsZero() bool {
	for i := range t {
		if t[i].s != "" {
			return false
		}
	}
	return true
}

// With returns t with s as its text in the language lang, in place of the
// one it had. Like append, it may write into t's array: build a text with
// it (make(Text, 0, n) holds n languages without growing), do not change
// one that is shared.
func (t Text) With(lang, s string) Text {
	i := 0
	for i < len(t) && t[i].lang < lang {
		i++
	}
	if i < len(t) && t[i].lang == lang {
		t[i].s = s
		return t
	}
	t = append(t, langText{})
	copy(t[i+1:], t[i:])
	t[i] = langText{lang, s}
	return t
}

// All yields each language code and its text, in order of language code.
func (t Text) All() func(yield func(lang, s string) bool) {
	return func(yield func(lang, s string) bool) {
		for i := range t {
			if !yield(t[i].lang, t[i].s) {
				return
			}
		}
	}
}

// Langs lists the language codes of t in order.
func (t Text) Langs() []string {
	out := make([]string, len(t))
	for i := range t {
		out[i] = t[i].lang
	}
	return out
}

// Values lists the texts of t in order of their language codes.
func (t Text) Values() []string {
	out := make([]string, len(t))
	for i := range t {
		out[i] = t[i].s
	}
	return out
}

// Equal reports whether t and u have the same languages with the same texts.
func (t Text) Equal(u Text) bool {
	if len(t) != len(u) {
		return false
	}
	for i := range t {
		if t[i] != u[i] {
			return false
		}
	}
	return true
}

// MarshalJSON writes t as encoding/json writes a map[string]string: keys in
// order, strings escaped as it escapes them (encoding/json escapes '<', '>'
// and '&' itself afterwards, unless told not to).
func (t Text) MarshalJSON() ([]byte, error) {
	if t == nil {
		return []byte("null"), nil
	}
	n := 2
	for i := range t {
		n += len(t[i].lang) + len(t[i].s) + 6
	}
	b := make([]byte, 0, n)
	b = append(b, '{')
	for i := range t {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, t[i].lang)
		b = append(b, ':')
		b = appendJSONString(b, t[i].s)
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads an object of strings, as encoding/json reads a
// map[string]string: null is a nil text, a null value an empty text, a key
// given twice keeps its last value, and the languages of the object are
// added to those t had (t's array is not written to).
func (t *Text) UnmarshalJSON(b []byte) error {
	v, err := parseJSON(string(b))
	if err != "" {
		return textError("text: " + err)
	}
	switch v.kind {
	case 0:
		*t = nil
		return nil
	case 'o':
	default:
		return textError("text: want an object of a text per language code")
	}
	out := make(Text, len(*t), len(*t)+len(v.keys))
	copy(out, *t)
	for i, lang := range v.keys {
		val := v.vals[i]
		if val.kind != 's' && val.kind != 0 {
			return textError("text: the value of " + quote(lang) + " is not a string")
		}
		out = out.With(validUTF8(lang), validUTF8(val.s))
	}
	*t = out
	return nil
}

type textError string

func (e textError) Error() string { return string(e) }

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it without HTML escaping: '"', '\\' and control characters,
// U+2028 and U+2029, and each byte of invalid UTF-8 as U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&15])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// validUTF8 replaces each byte of invalid UTF-8 in s with U+FFFD, as
// encoding/json does when it reads a string.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b []byte
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = utf8.AppendRune(b, utf8.RuneError)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return string(b)
}
