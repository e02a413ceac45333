//! Kubernetes resource quantities (`500m`, `1.5`, `512Mi`, `1G`, `1e3`),
//! compared exactly: a float would call `1100m` larger than `1.1`.

use std::cmp::Ordering;

/// A quantity as an exact count of nano-units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Quantity {
    nanos: i128,
}

impl Quantity {
    /// Parses `<signed number><suffix>` as the Kubernetes API does; `None` when malformed.
    pub fn parse(text: &str) -> Option<Quantity> {
        let text = text.trim();
        let (number, suffix) = split_suffix(text);
        let (mantissa, mut exponent) = parse_decimal(number)?;
        let mut binary_power = 0u32;
        match suffix {
            "" => {}
            "n" => exponent -= 9,
            "u" => exponent -= 6,
            "m" => exponent -= 3,
            "k" => exponent += 3,
            "M" => exponent += 6,
            "G" => exponent += 9,
            "T" => exponent += 12,
            "P" => exponent += 15,
            "E" => exponent += 18,
            "Ki" => binary_power = 10,
            "Mi" => binary_power = 20,
            "Gi" => binary_power = 30,
            "Ti" => binary_power = 40,
            "Pi" => binary_power = 50,
            "Ei" => binary_power = 60,
            _ => {
                let exp = suffix.strip_prefix(['e', 'E'])?;
                exponent += exp.parse::<i32>().ok()?;
            }
        }
        let scaled = scale(mantissa, exponent + 9)?;
        let nanos = scaled.checked_mul(1i128.checked_shl(binary_power)?)?;
        Some(Quantity { nanos })
    }

    pub fn is_zero(&self) -> bool {
        self.nanos == 0
    }

    pub fn compare(&self, other: &Quantity) -> Ordering {
        self.nanos.cmp(&other.nanos)
    }
}

/// Splits `1.5Gi` into `1.5` and `Gi`; an exponent (`1e3`) counts as a suffix.
fn split_suffix(text: &str) -> (&str, &str) {
    let end = text
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || (i == 0 && (c == '+' || c == '-'))))
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    text.split_at(end)
}

/// `-12.50` → (-1250, -2).
fn parse_decimal(number: &str) -> Option<(i128, i32)> {
    let (negative, digits) = match number.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, number.strip_prefix('+').unwrap_or(number)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    if !whole
        .chars()
        .chain(fraction.chars())
        .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let all = format!("{whole}{fraction}");
    let trimmed = all.trim_start_matches('0');
    if trimmed.len() > 30 {
        return None;
    }
    let mantissa: i128 = if trimmed.is_empty() {
        0
    } else {
        trimmed.parse().ok()?
    };
    let exponent = -i32::try_from(fraction.len()).ok()?;
    Some((if negative { -mantissa } else { mantissa }, exponent))
}

fn scale(mantissa: i128, exponent: i32) -> Option<i128> {
    if exponent >= 0 {
        let factor = 10i128.checked_pow(u32::try_from(exponent).ok()?)?;
        mantissa.checked_mul(factor)
    } else {
        // Finer than a nano-unit: Kubernetes rounds such values up.
        let divisor = 10i128
            .checked_pow(exponent.unsigned_abs())
            .unwrap_or(i128::MAX);
        let quotient = mantissa / divisor;
        Some(if mantissa % divisor > 0 {
            quotient + 1
        } else {
            quotient
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Quantity {
        Quantity::parse(text).unwrap_or_else(|| panic!("{text} should parse"))
    }

    #[test]
    fn units_compare_exactly() {
        assert_eq!(q("500m"), q("0.5"));
        assert_eq!(q("1100m"), q("1.1"));
        assert_eq!(q("1e3"), q("1k"));
        assert_eq!(q("1Ki"), q("1024"));
        assert_eq!(q("1.5Gi"), q("1536Mi"));
        assert!(q("1G") < q("1Gi"));
        assert!(q("2") > q("1999m"));
        assert_eq!(q("1E"), q("1000P"));
        assert!(q("129e6") > q("128974848"));
        assert_eq!(q("100n"), q("0.0000001"));
        assert_eq!(q("+1"), q("1"));
        assert_eq!(q("1E-3"), q("1m"));
    }

    #[test]
    fn malformed_quantities_are_rejected() {
        for bad in ["", "abc", "1.5 GB", "1Gb", "--1", ".", "1..2", "1e", "12Q"] {
            assert_eq!(Quantity::parse(bad), None, "{bad}");
        }
    }
}
