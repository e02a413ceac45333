FROM nginx:1.27
COPY --chown=101:101 --chmod=644 a.conf b.conf /etc/nginx/conf.d/
