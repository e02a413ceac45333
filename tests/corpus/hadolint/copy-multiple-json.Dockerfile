FROM nginx:1.27
COPY ["index.html", "about.html", "/usr/share/nginx/html"]
