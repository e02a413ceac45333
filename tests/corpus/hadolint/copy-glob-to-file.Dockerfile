FROM nginx:1.27
COPY *.html /usr/share/nginx/html/index.html
