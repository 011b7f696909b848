package decide

import "unicode/utf8"

// The interactive checker keeps a resident's answers in the page address,
// after "#check=", as question:answer pairs separated by commas, in the
// order asked: "#check=who:proxy,form:yes". Such links are shared, pasted,
// truncated by mail programs and edited by hand, so reading one must accept
// any text at all.

// FragmentKey starts a checker fragment (after the "#").
const FragmentKey = "check="

// MaxFragment bounds the bytes of a fragment that are read; the rest is
// dropped. The longest real fragment is a few hundred bytes.
const MaxFragment = 4096

// Fragment is what a page address's fragment says about a checker session.
type Fragment struct {
	// Present tells whether the fragment is a checker fragment at all
	// ("#check=..."); other fragments are ordinary in-page links.
	Present bool
	// Answers holds the answers that name a question of the procedure and
	// one of its answers.
	Answers Answers
	// Dropped tells whether any part of the fragment could not be used: a
	// malformed escape, bytes that are not UTF-8, an unknown question or
	// answer, a question answered twice in two ways, or text beyond
	// MaxFragment. The checker then tells the resident that the link was
	// partly unreadable, and carries on with the answers kept.
	Dropped bool
}

// FragmentOf writes the fragment (without the "#") for the answers asked.
func FragmentOf(asked []Asked) string {
	s := FragmentKey
	for i, a := range asked {
		if i > 0 {
			s += ","
		}
		s += a.Question.ID + ":" + a.Answer.ID
	}
	return s
}

// ParseFragment reads a page address's fragment (with or without its "#")
// against the procedure's questions. It never fails: what it cannot use it
// drops, and says so in Dropped.
func (p *Procedure) ParseFragment(frag string) Fragment {
	if len(frag) > 0 && frag[0] == '#' {
		frag = frag[1:]
	}
	if len(frag) < len(FragmentKey) || frag[:len(FragmentKey)] != FragmentKey {
		return Fragment{}
	}
	f := Fragment{Present: true, Answers: Answers{}}
	frag = frag[len(FragmentKey):]
	if len(frag) > MaxFragment {
		frag = frag[:MaxFragment]
		f.Dropped = true
		// The last pair is probably cut in two: drop it whole.
		last := 0
		for i := 0; i < len(frag); i++ {
			if frag[i] == ',' {
				last = i
			}
		}
		frag = frag[:last]
	}
	for len(frag) > 0 {
		var piece string
		piece, frag = cut(frag, ',')
		if piece == "" {
			continue // a doubled or trailing comma says nothing
		}
		q, a, ok := pair(piece)
		if !ok {
			f.Dropped = true
			continue
		}
		qu, _ := p.question(q)
		if qu == nil || qu.Answer(a) == nil {
			f.Dropped = true
			continue
		}
		if prev, seen := f.Answers[q]; seen {
			if prev != a {
				f.Dropped = true // answered twice in two ways: keep the first
			}
			continue
		}
		f.Answers[q] = a
	}
	return f
}

// pair decodes "question:answer", either part possibly percent-escaped.
func pair(piece string) (q, a string, ok bool) {
	dec, ok := unescape(piece)
	if !ok || !utf8.ValidString(dec) {
		return "", "", false
	}
	q, a = cut(dec, ':')
	if q == "" || a == "" || len(q)+1+len(a) != len(dec) {
		return "", "", false
	}
	if hasByte(a, ':') {
		return "", "", false
	}
	return q, a, true
}

// cut splits s at the first sep; after is empty when there is none.
func cut(s string, sep byte) (before, after string) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:]
		}
	}
	return s, ""
}

// unescape decodes %XX escapes; ok is false for a malformed one.
func unescape(s string) (string, bool) {
	if !hasByte(s, '%') {
		return s, true
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b = append(b, s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", false
		}
		h, l := unhex(s[i+1]), unhex(s[i+2])
		if h < 0 || l < 0 {
			return "", false
		}
		b = append(b, byte(h<<4|l))
		i += 2
	}
	return string(b), true
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return int(c - 'A' + 10)
	}
	return -1
}

func hasByte(s string, c byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return true
		}
	}
	return false
}
