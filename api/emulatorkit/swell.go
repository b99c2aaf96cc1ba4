package emulatorkit

import "reflect"

// OversizeFactor is how many times the rows a page asked for the oversize
// fault answers with.
const OversizeFactor = 4

// Swell is an answer as a service that ignores the page size would give
// it: each list in it (a value of the map[string]any the Alibaba emulator
// answers, in nested maps too, or a slice field of the struct the EC2
// emulator answers) repeated to rows rows. An empty list stays empty; the
// rows are the page's own, again and again.
func Swell(answer any, rows int) any {
	switch v := reflect.ValueOf(answer); {
	case v.Kind() == reflect.Map:
		m, ok := answer.(map[string]any)
		if !ok {
			return answer
		}
		out := make(map[string]any, len(m))
		for k, x := range m {
			if _, nested := x.(map[string]any); nested {
				out[k] = Swell(x, rows)
			} else if xv := reflect.ValueOf(x); isList(xv) {
				out[k] = repeat(xv, rows).Interface()
			} else {
				out[k] = x
			}
		}
		return out
	case v.Kind() == reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		for i := range c.NumField() {
			if f := c.Field(i); f.CanSet() && isList(f) {
				f.Set(repeat(f, rows))
			}
		}
		return c.Interface()
	}
	return answer
}

func isList(v reflect.Value) bool {
	return v.Kind() == reflect.Slice && v.Type().Elem().Kind() != reflect.Uint8
}

func repeat(list reflect.Value, rows int) reflect.Value {
	n := list.Len()
	if n == 0 || rows <= n {
		return list
	}
	out := reflect.MakeSlice(list.Type(), rows, rows)
	for i := range rows {
		out.Index(i).Set(list.Index(i % n))
	}
	return out
}
