FROM alpine:3.20
COPY <<app.conf /etc/app.conf
key=value
app.conf
USER 1000
