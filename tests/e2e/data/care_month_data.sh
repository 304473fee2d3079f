#!/usr/bin/env bash
# Writes the 200-customer DMS exports of the care-month end-to-end test into DIR:
#   deliveries.csv — 200 owners, one car each, delivered 2026-09-01 … 2027-07-31, birthdays over
#                    the whole year (one on 29 February);
#   policies.csv   — a compulsory policy for every fifth car, ending 2027-09-05 … 2027-10-13.
# Deterministic: the same rows on every run. Usage: care_month_data.sh DIR
set -euo pipefail
out=$1
mkdir -p "$out"
awk -v out="$out" '
function ord(c) { return index("0123456789ABCDEFGHJKLMNPRSTUVWXYZ", c) }
function translit(c,   v) {
  if (c ~ /[0-9]/) return c + 0
  v = index("ABCDEFGH", c); if (v) return v
  v = index("JKLMN", c); if (v) return v
  if (c == "P") return 7
  if (c == "R") return 9
  v = index("STUVWXYZ", c); if (v) return v + 1
  return 0
}
function vin(serial,   base, w, i, sum, check) {
  base = sprintf("LSVAM418%sR2%06d", "0", serial)
  split("8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2", w, " ")
  sum = 0
  for (i = 1; i <= 17; i++) sum += translit(substr(base, i, 1)) * w[i]
  check = sum % 11
  return substr(base, 1, 8) (check == 10 ? "X" : check) substr(base, 10)
}
function date_after(y, m, d, n,   days) {  # (y-m-d) + n days, n < 400
  split("31 28 31 30 31 30 31 31 30 31 30 31", days, " ")
  while (n > 0) {
    days[2] = (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28
    if (d + n <= days[m]) { d += n; n = 0 }
    else { n -= days[m] - d + 1; d = 1; m++; if (m > 12) { m = 1; y++ } }
  }
  return sprintf("%04d-%02d-%02d", y, m, d)
}
BEGIN {
  split("王 李 张 刘 陈 杨 黄 赵 周 吴", surname, " ")
  split("伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平", given, " ")
  split("星途瑶光 星途揽月 星途凌云", model, " ")
  deliveries = out "/deliveries.csv"
  policies = out "/policies.csv"
  print "客户姓名,联系电话,车架号,车牌号,车型,购车日期,交车日期,销售顾问,性别,生日,省份,城市,区县,备注" > deliveries
  print "车架号,保险公司,保单号,险种,保险起期,保险到期日,保费" > policies
  for (i = 1; i <= 200; i++) {
    name = surname[(i - 1) % 10 + 1] given[int((i - 1) / 10) + 1]
    delivered = date_after(2026, 9, 1, (i * 53) % 334)
    bought = date_after(2026, 8, 29, (i * 53) % 334)
    birthday = (i == 200) ? "1988-02-29" : date_after(1970 + i % 30, 1, 1, (i * 37) % 365)
    gender = (i % 2) ? "男" : "女"
    v = vin(i)
    printf "%s,1391000%04d,%s,京C%05d,%s,%s,%s,张销售,%s,%s,北京市,北京市,朝阳区,\n", \
      name, i, v, i, model[i % 3 + 1], bought, delivered, gender, birthday >> deliveries
    if (i % 5 == 0) {
      end = date_after(2027, 9, 5, i % 39)
      start = date_after(2026, 9, 6, i % 39)
      printf "%s,中国人保,PDAA2027%06d,交强险,%s,%s,950\n", v, i, start, end >> policies
    }
  }
}'
