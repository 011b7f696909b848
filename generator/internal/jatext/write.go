package jatext

import "strings"

// StringWriter is what WriteTo writes to: a strings.Builder, a
// bytes.Buffer, a bufio.Writer (goldmark's renderer writes to one).
type StringWriter interface {
	WriteString(s string) (int, error)
}

// WriteTo writes s as HTML for a page in lang to w, as Write does, but
// straight into w: no string is built for the whole text and copied, and
// text that needs no escaping is written as it is, without a copy.
// Errors of w are left to w (a bufio.Writer keeps its first one).
func WriteTo(w StringWriter, lang, s string) {
	ja := JapanesePage(lang)
	runs(s, func(text string, japanese bool) {
		if !japanese {
			writeEscaped(w, text)
			return
		}
		if !ja {
			if IsName(text) {
				_, _ = w.WriteString(`<span lang="ja" translate="no">`)
			} else {
				_, _ = w.WriteString(`<span lang="ja">`)
			}
		}
		writePhrases(w, text)
		if !ja {
			_, _ = w.WriteString(`</span>`)
		}
	})
}

// writeEscaped writes s to w escaped as html.EscapeString escapes it, in
// pieces between the characters that need escaping.
func writeEscaped(w StringWriter, s string) {
	for {
		i := strings.IndexAny(s, `&'<>"`)
		if i < 0 {
			break
		}
		_, _ = w.WriteString(s[:i])
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		default: // '"'
			esc = "&#34;"
		}
		_, _ = w.WriteString(esc)
		s = s[i+1:]
	}
	if s != "" {
		_, _ = w.WriteString(s)
	}
}
