package scaffold

import (
	"sort"
	"strings"
)

// titleOf turns an ID into a name: "minami-awaji" -> "Minami Awaji".
func titleOf(id string) string {
	words := strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' })
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// stemJa is a Japanese city name without its 市, 町, 村 or 区.
func stemJa(s string) string {
	for _, suf := range []string{"市", "町", "村", "区"} {
		if t := strings.TrimSuffix(s, suf); t != s && t != "" {
			return t
		}
	}
	return s
}

// stemEn is an English city name without " City" and the Japanese in
// brackets: "Sanda City (三田市)" -> "Sanda".
func stemEn(s string) string {
	if i := strings.Index(s, " ("); i > 0 {
		s = s[:i]
	}
	if i := strings.Index(s, "（"); i > 0 {
		s = s[:i]
	}
	for _, suf := range []string{" City", " Town", " Village", " Ward"} {
		if t := strings.TrimSuffix(s, suf); t != s && t != "" {
			return t
		}
	}
	return strings.TrimSpace(s)
}

// A renamer replaces, in one pass, what names the old city by what names
// the new one: the full Japanese name, its stem (三田), the English stem as a
// word (Sanda), the ID as a word (sanda, in paths and links).
type renamer struct{ pairs []pair }

type pair struct {
	old, new string
	word     func(byte) bool // characters that must not touch a match; nil: none
}

func isIDChar(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func newRenamer(oldID, newID string, old, names Names) *renamer {
	r := &renamer{}
	add := func(o, n string, word func(byte) bool) {
		if o != "" && o != n {
			r.pairs = append(r.pairs, pair{o, n, word})
		}
	}
	newJa := names.Ja
	if stemJa(old.Ja) != old.Ja && stemJa(newJa) == newJa {
		newJa += strings.TrimPrefix(old.Ja, stemJa(old.Ja)) // 架空 -> 架空市, as the old name had 市
	}
	add(old.Ja, newJa, nil)
	add(stemJa(old.Ja), stemJa(newJa), nil)
	add(old.En, names.En, isAlnum)
	add(stemEn(old.En), stemEn(names.En), isAlnum)
	add(oldID, newID, isIDChar)
	// Longest first, so that a full name wins over its stem.
	sort.SliceStable(r.pairs, func(i, j int) bool { return len(r.pairs[i].old) > len(r.pairs[j].old) })
	return r
}

func (r *renamer) replace(s string) string {
	if len(r.pairs) == 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		matched := false
		for _, p := range r.pairs {
			if !strings.HasPrefix(s[i:], p.old) {
				continue
			}
			end := i + len(p.old)
			if p.word != nil && (i > 0 && p.word(s[i-1]) || end < len(s) && p.word(s[end])) {
				continue
			}
			b.WriteString(p.new)
			i = end
			matched = true
			break
		}
		if !matched {
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String()
}
