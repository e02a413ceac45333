FROM alpine:3.20
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /nginx.conf
