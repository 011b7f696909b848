package jatext

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
		c := analyse(text) // its phrases, and whether it is a name: one lookup
		if !ja {
			if c.name {
				_, _ = w.WriteString(`<span lang="ja" translate="no">`)
			} else {
				_, _ = w.WriteString(`<span lang="ja">`)
			}
		}
		writePhrases(w, c)
		if !ja {
			_, _ = w.WriteString(`</span>`)
		}
	})
}

// mustEscape marks the bytes html.EscapeString escapes.
var mustEscape = [256]bool{'&': true, '\'': true, '<': true, '>': true, '"': true}

// writeEscaped writes s to w escaped as html.EscapeString escapes it, in
// pieces between the characters that need escaping.
func writeEscaped(w StringWriter, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		if !mustEscape[s[i]] {
			continue
		}
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
		if last < i {
			_, _ = w.WriteString(s[last:i])
		}
		_, _ = w.WriteString(esc)
		last = i + 1
	}
	if last < len(s) {
		_, _ = w.WriteString(s[last:])
	}
}
