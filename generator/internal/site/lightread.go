package site

import (
	"encoding/json"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Reading the cities' summaries without encoding/json. A build after one
// city's edit reads the summary of every other city from the record
// (1.7 MB at national size); through json.Unmarshal that was a tenth of
// the build's work. decodeSum reads a summary as json.Marshal writes it,
// in the common form (no scheduled changes, no warnings, no escapes in its
// strings), and hands any other to encoding/json.

// decodeSum reads a city's summary as json.Unmarshal reads it.
func decodeSum(d []byte) (*citySum, error) {
	if cs, ok := readCitySum(d); ok {
		return cs, nil
	}
	cs := &citySum{}
	if err := json.Unmarshal(d, cs); err != nil {
		return nil, err
	}
	return cs, nil
}

// readCitySum reads a summary in the form json.Marshal writes it, but for
// one with scheduled changes or warnings; false if d is not in that form.
// Its strings share d's memory.
func readCitySum(d []byte) (*citySum, bool) {
	r := &jsonReader{d: d, ok: true, alias: true}
	cs := &citySum{}
	r.lit("{")
	if r.peek(`"w":`) {
		cs.Weight = r.int()
		r.lit(",")
	}
	r.lit(`"name":`)
	cs.Name = r.sumText()
	r.lit(`,"pref":`)
	cs.Prefecture = r.sumText()
	cs.Contact = r.peek(`,"contact":true`)
	if r.peek(`,"phone":`) {
		cs.Phone = r.str()
	}
	r.lit(`,"phonePos":`)
	cs.PhonePos = r.pos()
	if r.peek(`,"offices":[`) {
		for r.ok {
			var o sumOffice
			r.lit(`{"id":`)
			o.ID = r.str()
			r.lit(`,"building":`)
			o.Building = r.sumText()
			r.lit("}")
			cs.Offices = append(cs.Offices, o)
			if r.peek("]") {
				break
			}
			r.lit(",")
		}
	}
	if r.peek(`,"procs":[`) {
		for r.ok {
			var p sumProc
			r.lit(`{"id":`)
			p.ID = r.str()
			if r.peek(`,"kind":`) {
				p.Kind = r.str()
			}
			p.Valid = r.peek(`,"valid":true`)
			r.lit(`,"file":`)
			p.File = r.str()
			r.lit("}")
			cs.Procedures = append(cs.Procedures, p)
			if r.peek("]") {
				break
			}
			r.lit(",")
		}
	}
	r.lit(`,"pages":`)
	cs.Pages = r.int()
	r.lit("}")
	r.end()
	if !r.ok {
		return nil, false
	}
	return cs, true
}

// int reads a number that fits an int.
func (r *jsonReader) int() int {
	n := r.num()
	if int64(int(n)) != n {
		r.ok = false
	}
	return int(n)
}

// pos reads a diag.Pos as json.Marshal writes it.
func (r *jsonReader) pos() diag.Pos {
	var p diag.Pos
	r.lit(`{"File":`)
	p.File = r.str()
	r.lit(`,"Line":`)
	p.Line = r.int()
	r.lit(`,"Col":`)
	p.Col = r.int()
	r.lit("}")
	return p
}

// sumText reads a sumText as json.Marshal writes it.
func (r *jsonReader) sumText() sumText {
	var t sumText
	r.lit("{")
	if r.peek(`"t":{`) {
		// As decide.Text reads it: each language added in turn.
		t.T = decide.Text{}
		for r.ok {
			lang := r.str()
			r.lit(":")
			t.T = t.T.With(lang, r.str())
			if r.peek("}") {
				break
			}
			r.lit(",")
		}
		r.lit(",")
	}
	r.lit(`"pos":`)
	t.Pos = r.pos()
	r.lit("}")
	return t
}
