FROM python:3.12
RUN <<EOF python3
print('hi')
EOF
