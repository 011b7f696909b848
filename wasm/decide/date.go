package decide

// Date is a calendar date with no time zone: expiry rules count in whole days.
// The core does its own calendar arithmetic instead of importing time, which
// would add to the WebAssembly download.
type Date struct{ Y, M, D int }

// ParseDate parses YYYY-MM-DD.
func ParseDate(s string) (Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, false
	}
	num := func(s string) (int, bool) {
		n := 0
		for _, c := range s {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(s[:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:])
	if !ok1 || !ok2 || !ok3 || y < 1900 || m < 1 || m > 12 || d < 1 || d > DaysIn(y, m) {
		return Date{}, false
	}
	return Date{y, m, d}, true
}

// String renders the date as YYYY-MM-DD.
func (d Date) String() string {
	return pad(d.Y, 4) + "-" + pad(d.M, 2) + "-" + pad(d.D, 2)
}

func pad(n, w int) string {
	s := itoa(n)
	for len(s) < w {
		s = "0" + s
	}
	return s
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Before reports whether d comes before e.
func (d Date) Before(e Date) bool {
	if d.Y != e.Y {
		return d.Y < e.Y
	}
	if d.M != e.M {
		return d.M < e.M
	}
	return d.D < e.D
}

// IsLeap reports whether y is a leap year in the Gregorian calendar.
func IsLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// DaysIn returns the number of days in month m of year y.
func DaysIn(y, m int) int {
	switch m {
	case 2:
		if IsLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// AddMonths moves d by n months (n may be negative). A day that does not exist
// in the target month becomes that month's last day: 31 May minus 3 months is
// 28 February, or 29 February in a leap year.
func (d Date) AddMonths(n int) Date {
	m := d.Y*12 + (d.M - 1) + n
	y, mo := m/12, m%12+1
	day := d.D
	if last := DaysIn(y, mo); day > last {
		day = last
	}
	return Date{y, mo, day}
}

// birthdayIn returns the birthday of someone born on b in year y. Someone born
// on 29 February has it on 28 February in other years.
func birthdayIn(b Date, y int) Date {
	if b.M == 2 && b.D == 29 && !IsLeap(y) {
		return Date{y, 2, 28}
	}
	return Date{y, b.M, b.D}
}

// FifthBirthdayAfter returns the expiry of a certificate issued on issued to
// someone born on birth: the holder's fifth birthday after the issue date. A
// birthday on the issue date itself does not count.
func FifthBirthdayAfter(issued, birth Date) Date {
	first := birthdayIn(birth, issued.Y)
	if !issued.Before(first) {
		first = birthdayIn(birth, issued.Y+1)
	}
	return birthdayIn(birth, first.Y+4)
}

// RenewalOpens returns the first day on which a certificate expiring on expiry
// can be renewed: the same day of the month, months earlier (3 under the
// national rules, which state it in rules/national.yaml).
func RenewalOpens(expiry Date, months int) Date { return expiry.AddMonths(-months) }

// ExpiryStatus returns the answer of an Expiry question for a certificate that
// expires on expiry, seen on today, when renewal opens months before expiry:
// TooEarly, Open or Expired. The expiry date is the last day the certificate
// is valid.
func ExpiryStatus(expiry, today Date, months int) string {
	switch {
	case expiry.Before(today):
		return Expired
	case today.Before(RenewalOpens(expiry, months)):
		return TooEarly
	}
	return Open
}

// ExpiryInput is what a resident may know about the certificates' expiry. The
// checker asks for one of: the date printed on the J-LIS notice (or on the
// card); the issue date and birthday; or, for a foreign resident with a fixed
// period of stay, the last day of that period.
type ExpiryInput struct {
	Printed   Date // the expiry date as printed
	Issued    Date // the day the certificates were issued
	Birthday  Date // the holder's date of birth
	StayUntil Date // the last day of a foreign resident's period of stay
}

// Expiry returns the expiry date the input gives, and false when it gives none.
// A period of stay decides the expiry for a foreign resident, a printed date
// is taken as it is, and otherwise the expiry is the fifth birthday after issue.
func (in ExpiryInput) Expiry() (Date, bool) {
	switch {
	case !in.StayUntil.IsZero():
		return in.StayUntil, true
	case !in.Printed.IsZero():
		return in.Printed, true
	case !in.Issued.IsZero() && !in.Birthday.IsZero():
		if in.Issued.Before(in.Birthday) {
			return Date{}, false // issued before birth: a typing mistake
		}
		return FifthBirthdayAfter(in.Issued, in.Birthday), true
	}
	return Date{}, false
}

// AddDays moves d by n days (n may be negative).
func (d Date) AddDays(n int) Date {
	for ; n > 0; n-- {
		if d.D < DaysIn(d.Y, d.M) {
			d.D++
		} else if d.M < 12 {
			d.M, d.D = d.M+1, 1
		} else {
			d = Date{d.Y + 1, 1, 1}
		}
	}
	for ; n < 0; n++ {
		if d.D > 1 {
			d.D--
		} else if d.M > 1 {
			d.M--
			d.D = DaysIn(d.Y, d.M)
		} else {
			d = Date{d.Y - 1, 12, 31}
		}
	}
	return d
}
