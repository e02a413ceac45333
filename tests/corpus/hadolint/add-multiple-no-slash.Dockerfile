FROM nginx:1.27
ADD a.conf b.conf /etc/nginx/conf.d
