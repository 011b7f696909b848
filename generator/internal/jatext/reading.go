package jatext

import (
	"sync"

	"github.com/ikawaha/kagome/v2/tokenizer"

	"github.com/tebiki/tebiki/generator/internal/kagomedict"
)

// Readings need the dictionary's full entries (kagomedict.IPA, as ipa.Dict:
// more to load, and about 150 MB), where phrases need only its parts of
// speech (kagomedict.IPAShrink, as ipa.DictShrink: 90 MB). IPAShrink hands
// out the full dictionary when it was loaded first, so a build that
// adds furigana should call PreloadReadings before anything cuts phrases:
// then the dictionary is loaded once.
var (
	readOnce sync.Once
	readTok  *tokenizer.Tokenizer
)

func readingAnalyser() *tokenizer.Tokenizer {
	readOnce.Do(func() {
		t, err := tokenizer.New(kagomedict.IPA(), tokenizer.OmitBosEos())
		if err != nil {
			panic("jatext: " + err.Error()) // the embedded dictionary is broken
		}
		readTok = t
	})
	return readTok
}

// PreloadReadings loads the full dictionary (with readings) in the
// background; see Words.
func PreloadReadings() { go readingAnalyser() }

// Word is a word of a Japanese text as the dictionary sees it, for
// furigana: its surface (the text as written) and its reading in katakana.
type Word struct {
	Surface string
	// Reading is the dictionary's reading in katakana; "" when the word is
	// not in the dictionary or the dictionary gives none.
	Reading string
	// Known is false for a word the dictionary does not hold (the analyser
	// guessed its extent from the kind of characters).
	Known bool
	// POS is the part of speech, most general first (名詞, 数, ...).
	POS []string
}

var words sync.Map // string -> []Word

// Words cuts s into words with their readings. It loads the dictionary on
// first use (see PreloadReadings), and remembers the words of every text it cut in
// this process; the caller must not change the slice.
func Words(s string) []Word {
	if w, ok := words.Load(s); ok {
		return w.([]Word)
	}
	toks := readingAnalyser().Tokenize(s)
	out := make([]Word, 0, len(toks))
	for _, t := range toks {
		w := Word{Surface: t.Surface, Known: t.Class != tokenizer.UNKNOWN, POS: t.POS()}
		if w.Known {
			if r, ok := t.Reading(); ok && r != "*" {
				w.Reading = r
			}
		}
		out = append(out, w)
	}
	words.Store(s, out)
	return out
}
